--liquibase formatted sql

--changeset core:005-import-job
-- A bulk import of history: its progress while it runs, and its report of rejected lines after.
CREATE TABLE import_job (
    tenant_id   text        NOT NULL,
    id          uuid        NOT NULL,
    format      text        NOT NULL CHECK (format IN ('jsonl', 'csv')),
    status      text        NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    total_lines int         NOT NULL,
    processed   int         NOT NULL DEFAULT 0,
    created     int         NOT NULL DEFAULT 0,
    duplicates  int         NOT NULL DEFAULT 0,
    rejected    int         NOT NULL DEFAULT 0,
    rejections  text        NOT NULL DEFAULT '[]',
    failure     text,
    created_by  text        NOT NULL,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz,
    CONSTRAINT import_job_pk PRIMARY KEY (tenant_id, id)
);
CALL enable_tenant_isolation('import_job');
GRANT SELECT, INSERT, UPDATE ON import_job TO ${appRole};
