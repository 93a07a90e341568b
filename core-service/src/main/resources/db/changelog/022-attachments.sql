--liquibase formatted sql

--changeset core:022-attachments
-- Files that came with a message or were added to it later (by its channel's connector, or by staff),
-- kept in the municipality's own rows with their checksum. The type is the one detected from the bytes,
-- never the name's or the sender's; the text and metadata are extracted in the background (extraction),
-- and the text joins the message's Russian full-text search.
CREATE TABLE attachment (
    tenant_id          text        NOT NULL,
    id                 uuid        NOT NULL,
    message_id         uuid        NOT NULL,
    name               text        NOT NULL,
    declared_type      text,
    detected_type      text        NOT NULL,
    size               bigint      NOT NULL,
    sha256             text        NOT NULL,
    content            bytea       NOT NULL,
    added_at           timestamptz NOT NULL,
    added_by           text        NOT NULL,
    source             text        NOT NULL,
    -- pending → extracting → done | failed; a claim left by an instance that stopped is taken again after a while.
    extraction         text        NOT NULL DEFAULT 'pending',
    claimed_at         timestamptz,
    attempts           int         NOT NULL DEFAULT 0,
    extracted_at       timestamptz,
    -- Why nothing was extracted (failed), or what was left out (done: text cut at the limit).
    extraction_note    text,
    extracted_text     text,
    metadata           jsonb,
    search             tsvector GENERATED ALWAYS AS (to_tsvector('russian', coalesce(extracted_text, ''))) STORED,
    CONSTRAINT attachment_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT attachment_message_fk FOREIGN KEY (tenant_id, message_id) REFERENCES message (tenant_id, id),
    CONSTRAINT attachment_source CHECK (source IN ('staff', 'connector', 'import')),
    CONSTRAINT attachment_extraction CHECK (extraction IN ('pending', 'extracting', 'done', 'failed'))
);
CREATE INDEX attachment_of_message ON attachment (tenant_id, message_id, added_at);
CREATE INDEX attachment_to_extract ON attachment (tenant_id, added_at) WHERE extraction IN ('pending', 'extracting');
CREATE INDEX attachment_search ON attachment USING gin (search);
CALL enable_tenant_isolation('attachment');
GRANT SELECT, INSERT, UPDATE ON attachment TO ${appRole};
