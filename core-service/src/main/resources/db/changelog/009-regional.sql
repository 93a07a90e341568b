--liquibase formatted sql

--changeset core:009-regional-daily
-- The region's view (ЦУР): per municipality and day, counts only — no message, no person, no text.
-- Kept by each municipality's own transactions, in the same statement that keeps analytics_daily;
-- read by a regional transaction, which names the regions it may see (app.regions) and no municipality.
CREATE TABLE regional_daily (
    region_code      text   NOT NULL,
    tenant_id        text   NOT NULL,
    day              date   NOT NULL,
    received         int    NOT NULL DEFAULT 0,
    answered         int    NOT NULL DEFAULT 0,
    answered_on_time int    NOT NULL DEFAULT 0,
    answered_late    int    NOT NULL DEFAULT 0,
    answer_minutes   bigint NOT NULL DEFAULT 0,
    resolved         int    NOT NULL DEFAULT 0,
    explained        int    NOT NULL DEFAULT 0,
    CONSTRAINT regional_daily_pk PRIMARY KEY (region_code, tenant_id, day)
);
ALTER TABLE regional_daily ENABLE ROW LEVEL SECURITY;
ALTER TABLE regional_daily FORCE ROW LEVEL SECURITY;
-- A municipality's transaction keeps (and sees) its own rows only.
CREATE POLICY municipal_upkeep ON regional_daily
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
-- A regional transaction reads the rows of its regions ('*': every region, the federal methodologist's).
CREATE POLICY regional_reading ON regional_daily FOR SELECT
    USING (current_setting('app.regions', true) = '*'
           OR region_code = ANY (string_to_array(current_setting('app.regions', true), ',')));
GRANT SELECT, INSERT, UPDATE ON regional_daily TO ${appRole};
