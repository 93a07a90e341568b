--liquibase formatted sql

--changeset core:012-report
-- Reports and exports made in the background: the dashboard as a PDF report or an Excel workbook, and
-- the template's reporting duties (made on their schedule or when asked). Each keeps its progress
-- while it is made, then its document, and to whom it was e-mailed.
CREATE TABLE report (
    tenant_id    text        NOT NULL,
    id           uuid        NOT NULL,
    kind         text        NOT NULL CHECK (length(kind) BETWEEN 1 AND 100),
    title        text        NOT NULL CHECK (length(title) <= 1000),
    format       text        NOT NULL CHECK (format IN ('pdf', 'xlsx')),
    period_from  date        NOT NULL,
    period_to    date        NOT NULL,
    status       text        NOT NULL CHECK (status IN ('running', 'done', 'failed')),
    progress     int         NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    stage        text,
    failure      text,
    requested_by text        NOT NULL,
    scheduled    boolean     NOT NULL DEFAULT false,
    created_at   timestamptz NOT NULL,
    finished_at  timestamptz,
    content      bytea,
    size         int,
    emailed_to   text[],
    emailed_at   timestamptz,
    mail_problem text,
    CONSTRAINT report_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT report_period CHECK (period_to >= period_from)
);
-- A scheduled duty is made once per period, however many instances run the schedule.
CREATE UNIQUE INDEX report_scheduled_once ON report (tenant_id, kind, period_from, period_to) WHERE scheduled;
CREATE INDEX report_recent ON report (tenant_id, created_at DESC);
CALL enable_tenant_isolation('report');
GRANT SELECT, INSERT, UPDATE ON report TO ${appRole};

-- Where each reporting duty's report is e-mailed: the template names the recipient (the head of the
-- municipality, the ЦУР…), the municipality's administrator gives their addresses.
CREATE TABLE report_recipients (
    tenant_id  text        NOT NULL,
    duty       text        NOT NULL,
    emails     text[]      NOT NULL,
    updated_by text        NOT NULL,
    updated_at timestamptz NOT NULL,
    CONSTRAINT report_recipients_pk PRIMARY KEY (tenant_id, duty)
);
CALL enable_tenant_isolation('report_recipients');
GRANT SELECT, INSERT, UPDATE, DELETE ON report_recipients TO ${appRole};
