--liquibase formatted sql

--changeset core:001-message
-- tenant_id leads every key: Citus can later distribute by it.
CREATE TABLE message (
    tenant_id  text        NOT NULL,
    id         uuid        NOT NULL,
    text       text        NOT NULL CHECK (length(text) BETWEEN 1 AND 10000),
    created_at timestamptz NOT NULL,
    created_by text        NOT NULL,
    version    bigint      NOT NULL,
    CONSTRAINT message_pk PRIMARY KEY (tenant_id, id)
);
CREATE INDEX message_by_created ON message (tenant_id, created_at DESC);
CALL enable_tenant_isolation('message');
GRANT SELECT, INSERT, UPDATE ON message TO ${appRole};
