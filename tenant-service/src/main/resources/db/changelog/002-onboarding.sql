--liquibase formatted sql

--changeset tenant:002-onboarding
-- What the regional operator asked for, kept so that a failed onboarding can be resumed as asked.
ALTER TABLE tenant
    ADD COLUMN short_name       text,
    ADD COLUMN population       bigint CHECK (population > 0),
    ADD COLUMN time_zone        text,
    ADD COLUMN admin_email      text,
    ADD COLUMN template_code    text,
    ADD COLUMN template_version integer,
    ADD COLUMN failure          text,
    ADD COLUMN updated_at       timestamptz;
ALTER TABLE tenant DROP CONSTRAINT tenant_status_check;
ALTER TABLE tenant ADD CONSTRAINT tenant_status_check CHECK (status IN ('ONBOARDING', 'FAILED', 'ACTIVE', 'SUSPENDED'));

-- Every template version ever used, shipped or uploaded: platform data.
CREATE TABLE template (
    code        text        NOT NULL,
    version     integer     NOT NULL,
    sha256      text        NOT NULL,
    body        text        NOT NULL,
    uploaded_by text        NOT NULL,
    uploaded_at timestamptz NOT NULL,
    CONSTRAINT template_pk PRIMARY KEY (code, version)
);
GRANT SELECT, INSERT ON template TO ${appRole};

-- Onboarding progress, step by step: what the operator sees.
CREATE TABLE onboarding_step (
    tenant_id text        NOT NULL REFERENCES tenant (id),
    step      text        NOT NULL,
    status    text        NOT NULL CHECK (status IN ('DONE', 'FAILED')),
    detail    text,
    at        timestamptz NOT NULL,
    CONSTRAINT onboarding_step_pk PRIMARY KEY (tenant_id, step)
);
GRANT SELECT, INSERT, UPDATE ON onboarding_step TO ${appRole};

-- Users disabled by a suspension, so that resuming enables exactly them again.
CREATE TABLE suspended_user (
    tenant_id text NOT NULL REFERENCES tenant (id),
    user_id   text NOT NULL,
    CONSTRAINT suspended_user_pk PRIMARY KEY (tenant_id, user_id)
);
GRANT SELECT, INSERT, DELETE ON suspended_user TO ${appRole};

-- The municipality's configuration, versioned: tenant-owned, under row-level security.
CREATE TABLE tenant_configuration (
    tenant_id        text        NOT NULL,
    version          integer     NOT NULL,
    template_code    text        NOT NULL,
    template_version integer     NOT NULL,
    sha256           text        NOT NULL,
    config           jsonb       NOT NULL,
    applied_by       text        NOT NULL,
    applied_at       timestamptz NOT NULL,
    CONSTRAINT tenant_configuration_pk PRIMARY KEY (tenant_id, version)
);
CALL enable_tenant_isolation('tenant_configuration');
GRANT SELECT, INSERT ON tenant_configuration TO ${appRole};
