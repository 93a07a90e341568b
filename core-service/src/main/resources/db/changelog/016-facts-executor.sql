--liquibase formatted sql

--changeset core:016-facts-executor
-- The workload by executor counts answers by the message's executor: kept with the facts, so a year's
-- workload reads an index, not the messages. Existing facts get theirs from the check's first round.
ALTER TABLE message_facts ADD COLUMN executor text NOT NULL DEFAULT '';
CREATE INDEX message_facts_answered_by ON message_facts (tenant_id, answered_day) INCLUDE (executor) WHERE answered_day IS NOT NULL;
DROP INDEX message_facts_answered;
