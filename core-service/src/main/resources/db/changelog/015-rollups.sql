--liquibase formatted sql

--changeset core:015-answered-of-received
-- For ratings' completeness: of the messages received on a day, how many are answered (on the received day's row).
ALTER TABLE analytics_daily ADD COLUMN answered_of_received int NOT NULL DEFAULT 0;
ALTER TABLE analytics_daily NO FORCE ROW LEVEL SECURITY;
ALTER TABLE message_facts NO FORCE ROW LEVEL SECURITY;
UPDATE analytics_daily d SET answered_of_received = f.n
FROM (SELECT tenant_id, received_day, channel, block, recipient, territory, count(*) AS n FROM message_facts
      WHERE answered_day IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6) f
WHERE d.tenant_id = f.tenant_id AND d.day = f.received_day AND d.channel = f.channel AND d.block = f.block
  AND d.recipient = f.recipient AND d.territory = f.territory;
ALTER TABLE analytics_daily FORCE ROW LEVEL SECURITY;
ALTER TABLE message_facts FORCE ROW LEVEL SECURITY;

--changeset core:015-rollups
-- Coarser copies of the counts, kept by the same transactions: a year's dashboard reads twelve months
-- and the days at its edges instead of 365 days of rows. docs/analytics.md, «How the counts are kept».
CREATE TABLE analytics_monthly (LIKE analytics_daily INCLUDING DEFAULTS);
ALTER TABLE analytics_monthly RENAME COLUMN day TO month;
ALTER TABLE analytics_monthly ADD CONSTRAINT analytics_monthly_pk PRIMARY KEY (tenant_id, month, channel, block, recipient, territory);
CALL enable_tenant_isolation('analytics_monthly');
GRANT SELECT, INSERT, UPDATE ON analytics_monthly TO ${appRole};

-- The day's totals, no dimension: the trend and the previous period's totals.
CREATE TABLE analytics_days (LIKE analytics_daily INCLUDING DEFAULTS);
ALTER TABLE analytics_days DROP COLUMN channel, DROP COLUMN block, DROP COLUMN recipient, DROP COLUMN territory;
ALTER TABLE analytics_days ADD CONSTRAINT analytics_days_pk PRIMARY KEY (tenant_id, day);
CALL enable_tenant_isolation('analytics_days');
GRANT SELECT, INSERT, UPDATE ON analytics_days TO ${appRole};

-- Messages received per month, category and territory: the heat map and the repeated messages.
CREATE TABLE category_territory_monthly (
    tenant_id text NOT NULL,
    month     date NOT NULL,
    category  text NOT NULL,
    territory text NOT NULL,
    received  int  NOT NULL DEFAULT 0,
    CONSTRAINT category_territory_monthly_pk PRIMARY KEY (tenant_id, month, category, territory)
);
CALL enable_tenant_isolation('category_territory_monthly');
GRANT SELECT, INSERT, UPDATE ON category_territory_monthly TO ${appRole};

-- Times to answer by month in buckets (exact minutes below 1,000, then three significant digits), on
-- the wall clock and in working time: the medians of long periods.
CREATE TABLE answer_histogram (
    tenant_id text NOT NULL,
    month     date NOT NULL,
    clock     text NOT NULL CHECK (clock IN ('wall', 'working')),
    bucket    int  NOT NULL,
    answered  int  NOT NULL DEFAULT 0,
    CONSTRAINT answer_histogram_pk PRIMARY KEY (tenant_id, month, clock, bucket)
);
CALL enable_tenant_isolation('answer_histogram');
GRANT SELECT, INSERT, UPDATE ON answer_histogram TO ${appRole};

-- The region's view by month.
CREATE TABLE regional_monthly (LIKE regional_daily INCLUDING DEFAULTS);
ALTER TABLE regional_monthly RENAME COLUMN day TO month;
ALTER TABLE regional_monthly ADD CONSTRAINT regional_monthly_pk PRIMARY KEY (region_code, tenant_id, month);
ALTER TABLE regional_monthly ENABLE ROW LEVEL SECURITY;
ALTER TABLE regional_monthly FORCE ROW LEVEL SECURITY;
CREATE POLICY municipal_upkeep ON regional_monthly
    USING (tenant_id = current_setting('app.tenant_id', true))
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
CREATE POLICY regional_reading ON regional_monthly FOR SELECT
    USING (current_setting('app.regions', true) = '*'
           OR region_code = ANY (string_to_array(current_setting('app.regions', true), ',')));
GRANT SELECT, INSERT, UPDATE ON regional_monthly TO ${appRole};

--changeset core:015-answer-bucket
-- The histogram's bucket of a time in minutes: exact below 1,000, then cut to three significant digits
-- (so a median from buckets is exact to 0.1 %). Java computes the same (Facts.bucket).
CREATE FUNCTION answer_bucket(minutes int) RETURNS int IMMUTABLE LANGUAGE sql AS $$
    SELECT CASE WHEN minutes < 1000 THEN minutes
                ELSE minutes / (10 ^ (length(minutes::text) - 3))::int * (10 ^ (length(minutes::text) - 3))::int END
$$;

--changeset core:015-rollups-filled
-- What is counted so far, folded into the rollups (as the table owner, row-level security briefly not forced).
ALTER TABLE analytics_daily NO FORCE ROW LEVEL SECURITY;
ALTER TABLE analytics_monthly NO FORCE ROW LEVEL SECURITY;
ALTER TABLE analytics_days NO FORCE ROW LEVEL SECURITY;
ALTER TABLE category_territory_monthly NO FORCE ROW LEVEL SECURITY;
ALTER TABLE answer_histogram NO FORCE ROW LEVEL SECURITY;
ALTER TABLE regional_daily NO FORCE ROW LEVEL SECURITY;
ALTER TABLE regional_monthly NO FORCE ROW LEVEL SECURITY;
ALTER TABLE message_facts NO FORCE ROW LEVEL SECURITY;
INSERT INTO analytics_monthly (tenant_id, month, channel, block, recipient, territory, received, answered, answered_on_time, answered_late, answer_minutes, first_replied, first_reply_minutes, resolved, explained, answer_working_minutes, first_reply_working_minutes, satisfaction_checked, accepted, reopened, rated, rating_sum, answered_of_received)
SELECT tenant_id, date_trunc('month', day)::date, channel, block, recipient, territory, sum(received), sum(answered), sum(answered_on_time), sum(answered_late), sum(answer_minutes), sum(first_replied), sum(first_reply_minutes), sum(resolved), sum(explained), sum(answer_working_minutes), sum(first_reply_working_minutes), sum(satisfaction_checked), sum(accepted), sum(reopened), sum(rated), sum(rating_sum), sum(answered_of_received)
FROM analytics_daily GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO analytics_days (tenant_id, day, received, answered, answered_on_time, answered_late, answer_minutes, first_replied, first_reply_minutes, resolved, explained, answer_working_minutes, first_reply_working_minutes, satisfaction_checked, accepted, reopened, rated, rating_sum, answered_of_received)
SELECT tenant_id, day, sum(received), sum(answered), sum(answered_on_time), sum(answered_late), sum(answer_minutes), sum(first_replied), sum(first_reply_minutes), sum(resolved), sum(explained), sum(answer_working_minutes), sum(first_reply_working_minutes), sum(satisfaction_checked), sum(accepted), sum(reopened), sum(rated), sum(rating_sum), sum(answered_of_received) FROM analytics_daily GROUP BY 1, 2;
INSERT INTO category_territory_monthly (tenant_id, month, category, territory, received)
SELECT tenant_id, date_trunc('month', received_day)::date, category, territory, count(*) FROM message_facts GROUP BY 1, 2, 3, 4;
INSERT INTO answer_histogram (tenant_id, month, clock, bucket, answered)
SELECT tenant_id, date_trunc('month', answered_day)::date, 'wall', answer_bucket(answer_minutes), count(*)
FROM message_facts WHERE answered_day IS NOT NULL GROUP BY 1, 2, 4;
INSERT INTO answer_histogram (tenant_id, month, clock, bucket, answered)
SELECT tenant_id, date_trunc('month', answered_day)::date, 'working', answer_bucket(answer_working_minutes), count(*)
FROM message_facts WHERE answered_day IS NOT NULL AND answer_working_minutes IS NOT NULL GROUP BY 1, 2, 4;
INSERT INTO regional_monthly (region_code, tenant_id, month, received, answered, answered_on_time, answered_late, answer_minutes, resolved, explained, first_replied, first_reply_minutes, answer_working_minutes, satisfaction_checked, accepted, reopened, rated, rating_sum)
SELECT region_code, tenant_id, date_trunc('month', day)::date, sum(received), sum(answered), sum(answered_on_time), sum(answered_late), sum(answer_minutes), sum(resolved), sum(explained), sum(first_replied), sum(first_reply_minutes), sum(answer_working_minutes), sum(satisfaction_checked), sum(accepted), sum(reopened), sum(rated), sum(rating_sum) FROM regional_daily GROUP BY 1, 2, 3;
ALTER TABLE analytics_daily FORCE ROW LEVEL SECURITY;
ALTER TABLE analytics_monthly FORCE ROW LEVEL SECURITY;
ALTER TABLE analytics_days FORCE ROW LEVEL SECURITY;
ALTER TABLE category_territory_monthly FORCE ROW LEVEL SECURITY;
ALTER TABLE answer_histogram FORCE ROW LEVEL SECURITY;
ALTER TABLE regional_daily FORCE ROW LEVEL SECURITY;
ALTER TABLE regional_monthly FORCE ROW LEVEL SECURITY;
ALTER TABLE message_facts FORCE ROW LEVEL SECURITY;
