--liquibase formatted sql

--changeset core:013-regional-categories
-- The region's view of each municipality's categories over time: messages received per month and
-- category (a template code), nothing else. Kept and read exactly as regional_daily is.
CREATE TABLE regional_categories (
    region_code text NOT NULL,
    tenant_id   text NOT NULL,
    month       date NOT NULL CHECK (extract(day from month) = 1),
    category    text NOT NULL,
    received    int  NOT NULL DEFAULT 0,
    CONSTRAINT regional_categories_pk PRIMARY KEY (region_code, tenant_id, month, category)
);
ALTER TABLE regional_categories ENABLE ROW LEVEL SECURITY;
ALTER TABLE regional_categories FORCE ROW LEVEL SECURITY;
CREATE POLICY municipal_upkeep ON regional_categories
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY regional_reading ON regional_categories FOR SELECT
    USING (current_setting('app.regions', true) = '*'
           OR region_code = ANY (string_to_array(current_setting('app.regions', true), ',')));
GRANT SELECT, INSERT, UPDATE ON regional_categories TO ${appRole};

-- Months and categories of the messages already counted: as their facts say.
ALTER TABLE message_facts NO FORCE ROW LEVEL SECURITY;
ALTER TABLE regional_categories NO FORCE ROW LEVEL SECURITY;
INSERT INTO regional_categories (region_code, tenant_id, month, category, received)
SELECT r.region_code, f.tenant_id, date_trunc('month', f.received_day)::date, f.category, count(*)
FROM message_facts f JOIN (SELECT DISTINCT tenant_id, region_code FROM regional_daily) r ON r.tenant_id = f.tenant_id
GROUP BY 1, 2, 3, 4;
ALTER TABLE message_facts FORCE ROW LEVEL SECURITY;
ALTER TABLE regional_categories FORCE ROW LEVEL SECURITY;
