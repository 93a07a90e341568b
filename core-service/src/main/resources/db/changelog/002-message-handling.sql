--liquibase formatted sql

--changeset core:002-message-fields
-- What a message holds (issue 4): where it came from, the citizen, where and what, and where it is
-- in its regulation. Citizen's contacts are personal data: the API shows them only to roles that need them.
ALTER TABLE message
    ADD COLUMN kind          text NOT NULL DEFAULT 'message' CHECK (kind IN ('message', 'appeal')),
    ADD COLUMN channel       text NOT NULL DEFAULT 'manual-monitoring',
    ADD COLUMN external_id   text CHECK (length(external_id) <= 200),
    ADD COLUMN external_url  text CHECK (length(external_url) <= 2000),
    ADD COLUMN received_at   timestamptz,
    ADD COLUMN citizen_name  text CHECK (length(citizen_name) <= 300),
    ADD COLUMN citizen_phone text CHECK (length(citizen_phone) <= 50),
    ADD COLUMN citizen_email text CHECK (length(citizen_email) <= 300),
    ADD COLUMN territory     text,
    ADD COLUMN address       text CHECK (length(address) <= 1000),
    ADD COLUMN latitude      double precision CHECK (latitude BETWEEN -90 AND 90),
    ADD COLUMN longitude     double precision CHECK (longitude BETWEEN -180 AND 180),
    ADD COLUMN category      text,
    ADD COLUMN subcategory   text,
    ADD COLUMN block         text,
    ADD COLUMN recipient     text,
    ADD COLUMN executor      text,
    ADD COLUMN regulation    text NOT NULL DEFAULT '',
    ADD COLUMN state         text NOT NULL DEFAULT 'new',
    ADD COLUMN final         boolean NOT NULL DEFAULT false,
    ADD COLUMN result_status text CHECK (result_status IN ('resolved', 'explained')),
    ADD COLUMN answer        text CHECK (length(answer) <= 10000),
    ADD COLUMN source_due_at timestamptz,
    ADD COLUMN due_kind      text,
    ADD COLUMN due_at        timestamptz,
    ADD COLUMN paused_at     timestamptz,
    ADD COLUMN extended      boolean NOT NULL DEFAULT false,
    ADD COLUMN intake_hash   text,
    ADD COLUMN updated_at    timestamptz;
-- Existing rows belong to every municipality: the owner fills them with row-level security briefly not forced.
ALTER TABLE message NO FORCE ROW LEVEL SECURITY;
UPDATE message SET received_at = created_at;
ALTER TABLE message FORCE ROW LEVEL SECURITY;
ALTER TABLE message
    ALTER COLUMN received_at SET NOT NULL,
    ALTER COLUMN kind DROP DEFAULT,
    ALTER COLUMN channel DROP DEFAULT,
    ALTER COLUMN regulation DROP DEFAULT,
    ALTER COLUMN state DROP DEFAULT;
-- A connector that retries never creates a duplicate: (tenant, channel, external id) is unique.
CREATE UNIQUE INDEX message_external ON message (tenant_id, channel, external_id);
CREATE INDEX message_open_due ON message (tenant_id, due_at) WHERE NOT final AND due_at IS NOT NULL;
CREATE INDEX message_by_state ON message (tenant_id, state);
CREATE INDEX message_by_executor ON message (tenant_id, executor) WHERE executor IS NOT NULL;
CREATE INDEX message_by_received ON message (tenant_id, received_at DESC);
-- Full text in Russian: stemming finds «ямы» by «яма».
ALTER TABLE message ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('russian', coalesce(text, '')), 'A') ||
    setweight(to_tsvector('russian', coalesce(address, '')), 'B') ||
    setweight(to_tsvector('russian', coalesce(answer, '')), 'C')) STORED;
CREATE INDEX message_search ON message USING gin (search);

--changeset core:002-deadline
-- Every deadline a message has had: the open one, and those met, missed or replaced (with the old due date kept).
CREATE TABLE deadline (
    tenant_id  text        NOT NULL,
    id         uuid        NOT NULL,
    message_id uuid        NOT NULL,
    kind       text        NOT NULL,
    started_at timestamptz NOT NULL,
    due_at     timestamptz NOT NULL,
    trace      text        NOT NULL,
    status     text        NOT NULL CHECK (status IN ('open', 'met', 'missed', 'replaced', 'recomputed', 'cancelled')),
    closed_at  timestamptz,
    reason     text,
    CONSTRAINT deadline_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT deadline_message FOREIGN KEY (tenant_id, message_id) REFERENCES message (tenant_id, id)
);
CREATE INDEX deadline_by_message ON deadline (tenant_id, message_id, started_at);
CREATE INDEX deadline_open ON deadline (tenant_id, due_at) WHERE status = 'open';
CALL enable_tenant_isolation('deadline');
GRANT SELECT, INSERT, UPDATE ON deadline TO ${appRole};

--changeset core:002-audit
-- The audit trail is append-only for the application: it may insert and read, never change or delete.
-- Each entry carries the hash of the previous one of its municipality, so an edit anywhere breaks the chain.
CREATE TABLE audit_entry (
    tenant_id    text        NOT NULL,
    seq          bigint      NOT NULL,
    message_id   uuid,
    at           timestamptz NOT NULL,
    actor        text        NOT NULL,
    actor_roles  text        NOT NULL,
    action       text        NOT NULL,
    from_state   text,
    to_state     text,
    comment      text,
    details      text        NOT NULL,
    prev_hash    text        NOT NULL,
    hash         text        NOT NULL,
    CONSTRAINT audit_entry_pk PRIMARY KEY (tenant_id, seq)
);
CREATE INDEX audit_by_message ON audit_entry (tenant_id, message_id, seq);
CALL enable_tenant_isolation('audit_entry');
GRANT SELECT, INSERT ON audit_entry TO ${appRole};

-- The head of each municipality's chain; locking it orders the municipality's entries.
CREATE TABLE audit_head (
    tenant_id text   NOT NULL,
    seq       bigint NOT NULL,
    hash      text   NOT NULL,
    CONSTRAINT audit_head_pk PRIMARY KEY (tenant_id)
);
CALL enable_tenant_isolation('audit_head');
GRANT SELECT, INSERT, UPDATE ON audit_head TO ${appRole};

--changeset core:002-notification
CREATE TABLE notification (
    tenant_id  text        NOT NULL,
    id         uuid        NOT NULL,
    recipient  text        NOT NULL,
    kind       text        NOT NULL,
    message_id uuid,
    subject    text        NOT NULL,
    body       text        NOT NULL,
    created_at timestamptz NOT NULL,
    read_at    timestamptz,
    email      text,
    emailed_at timestamptz,
    dedup_key  text,
    CONSTRAINT notification_pk PRIMARY KEY (tenant_id, id)
);
CREATE INDEX notification_by_recipient ON notification (tenant_id, recipient, created_at DESC);
CREATE UNIQUE INDEX notification_once ON notification (tenant_id, dedup_key);
CREATE INDEX notification_unsent ON notification (tenant_id, created_at) WHERE email IS NOT NULL AND emailed_at IS NULL;
CALL enable_tenant_isolation('notification');
GRANT SELECT, INSERT, UPDATE ON notification TO ${appRole};

--changeset core:002-calendar-override
-- Days an operator adds on top of the template's calendar (a regional holiday declared at short notice).
CREATE TABLE calendar_override (
    tenant_id text        NOT NULL,
    day       date        NOT NULL,
    kind      text        NOT NULL CHECK (kind IN ('non-working', 'working', 'shortened')),
    reason    text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    added_by  text        NOT NULL,
    added_at  timestamptz NOT NULL,
    CONSTRAINT calendar_override_pk PRIMARY KEY (tenant_id, day)
);
CALL enable_tenant_isolation('calendar_override');
GRANT SELECT, INSERT, UPDATE, DELETE ON calendar_override TO ${appRole};
