--liquibase formatted sql

--changeset core:021-analytics-covering-indexes
-- Measured at 20 million messages (docs/benchmarks.md): the dashboards' reads of the message table
-- and of the facts fetched every row of the period from the heap (Barnaul's open messages 400 ms, a
-- year's map 480 ms). Each index below carries what its query reads, so that PostgreSQL answers from
-- the index alone. (IF NOT EXISTS: on a large database they may be built beforehand, CONCURRENTLY.)
-- The backlog and the workload: the open messages, by age, block and executor, overdue or not.
CREATE INDEX IF NOT EXISTS message_open ON message (tenant_id, received_at) INCLUDE (block, executor, due_at, paused_at, due_kind) WHERE NOT final;
-- The map: the located messages of a period, their place and category.
CREATE INDEX IF NOT EXISTS message_located ON message (tenant_id, received_at) INCLUDE (latitude, longitude, category)
    WHERE latitude IS NOT NULL AND longitude IS NOT NULL;
-- The edge days of a period: repeated messages and the heat map by category and territory, the time
-- to answer's histogram and the answers by executor.
CREATE INDEX IF NOT EXISTS message_facts_received_cells ON message_facts (tenant_id, received_day) INCLUDE (category, territory);
DROP INDEX IF EXISTS message_facts_received;
CREATE INDEX IF NOT EXISTS message_facts_answered_minutes ON message_facts (tenant_id, answered_day) INCLUDE (executor, answer_minutes, answer_working_minutes)
    WHERE answered_day IS NOT NULL;
DROP INDEX IF EXISTS message_facts_answered_by;
-- The region's edge days (the methodologist's 30 days are 70,000 rows, each on a page of its own, since
-- the table is laid out by municipality): every figure the comparison sums, in the index.
CREATE INDEX IF NOT EXISTS regional_daily_by_day_summed ON regional_daily (day, region_code) INCLUDE (tenant_id, received, answered, answered_on_time,
    answered_late, answer_minutes, resolved, explained, first_replied, first_reply_minutes, answer_working_minutes, satisfaction_checked,
    accepted, reopened, rated, rating_sum);
DROP INDEX IF EXISTS regional_daily_by_day;
