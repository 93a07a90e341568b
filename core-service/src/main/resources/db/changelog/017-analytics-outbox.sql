--liquibase formatted sql

--changeset core:017-analytics-outbox
-- Messages taken in whose counts are still to be kept: intake's transaction adds them here (one
-- statement a batch) and the analytics worker folds them into the facts and counts soon after, so
-- taking messages in does not wait on analytics. A message is here once however often it is queued.
CREATE TABLE analytics_outbox (
    tenant_id  text        NOT NULL,
    message_id uuid        NOT NULL,
    queued_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT analytics_outbox_pk PRIMARY KEY (tenant_id, message_id)
);
CREATE INDEX analytics_outbox_oldest ON analytics_outbox (tenant_id, queued_at);
CALL enable_tenant_isolation('analytics_outbox');
GRANT SELECT, INSERT, DELETE ON analytics_outbox TO ${appRole};
