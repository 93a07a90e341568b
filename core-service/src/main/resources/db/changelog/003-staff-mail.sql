--liquibase formatted sql

--changeset core:003-staff-contact
-- E-mail addresses of staff as their tokens state them, for notices by e-mail.
CREATE TABLE staff_contact (
    tenant_id  text        NOT NULL,
    username   text        NOT NULL,
    email      text        NOT NULL CHECK (length(email) <= 300),
    updated_at timestamptz NOT NULL,
    CONSTRAINT staff_contact_pk PRIMARY KEY (tenant_id, username)
);
CALL enable_tenant_isolation('staff_contact');
GRANT SELECT, INSERT, UPDATE ON staff_contact TO ${appRole};

--changeset core:003-mail-settings
-- Each municipality sends its notices through its own SMTP server.
CREATE TABLE mail_settings (
    tenant_id    text        NOT NULL,
    host         text        NOT NULL CHECK (length(host) BETWEEN 1 AND 253),
    port         int         NOT NULL CHECK (port BETWEEN 1 AND 65535),
    username     text,
    password     text,
    from_address text        NOT NULL CHECK (length(from_address) <= 300),
    starttls     boolean     NOT NULL,
    updated_by   text        NOT NULL,
    updated_at   timestamptz NOT NULL,
    CONSTRAINT mail_settings_pk PRIMARY KEY (tenant_id)
);
CALL enable_tenant_isolation('mail_settings');
GRANT SELECT, INSERT, UPDATE, DELETE ON mail_settings TO ${appRole};
