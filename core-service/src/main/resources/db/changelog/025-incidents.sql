--liquibase formatted sql

--changeset core:025-incidents
-- Messages about one problem, confirmed by staff, handled once: the incident's steps are taken on every
-- message of it, each through its own regulation. A message belongs to one incident at most.
CREATE TABLE incident (
    tenant_id  text        NOT NULL,
    id         uuid        NOT NULL,
    title      text        NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    created_at timestamptz NOT NULL,
    created_by text        NOT NULL,
    CONSTRAINT incident_pk PRIMARY KEY (tenant_id, id)
);
CALL enable_tenant_isolation('incident');
GRANT SELECT, INSERT, DELETE ON incident TO ${appRole};

CREATE TABLE incident_message (
    tenant_id   text        NOT NULL,
    incident_id uuid        NOT NULL,
    message_id  uuid        NOT NULL,
    added_at    timestamptz NOT NULL,
    added_by    text        NOT NULL,
    CONSTRAINT incident_message_pk PRIMARY KEY (tenant_id, message_id),
    CONSTRAINT incident_message_incident_fk FOREIGN KEY (tenant_id, incident_id) REFERENCES incident (tenant_id, id) ON DELETE CASCADE,
    CONSTRAINT incident_message_message_fk FOREIGN KEY (tenant_id, message_id) REFERENCES message (tenant_id, id)
);
CREATE INDEX incident_message_of_incident ON incident_message (tenant_id, incident_id, added_at);
CALL enable_tenant_isolation('incident_message');
GRANT SELECT, INSERT, DELETE ON incident_message TO ${appRole};
