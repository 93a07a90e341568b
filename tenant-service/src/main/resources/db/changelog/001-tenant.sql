--liquibase formatted sql

--changeset tenant:001-tenant
-- The registry of municipalities: platform data, read by the regional personas, not tenant-owned.
CREATE TABLE tenant (
    id         text        NOT NULL CHECK (id ~ '^[a-z][a-z0-9-]{1,62}$'),
    name       text        NOT NULL,
    region     text        NOT NULL,
    status     text        NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED')),
    created_at timestamptz NOT NULL,
    CONSTRAINT tenant_pk PRIMARY KEY (id)
);
GRANT SELECT, INSERT, UPDATE ON tenant TO ${appRole};
