--liquibase formatted sql

--changeset core:008-analytics
-- What analytics needs to know of each message, derived from the message and its deadlines (Facts.DERIVE):
-- no personal data, no text. Kept in the transaction that changes the message, so that analytics_daily
-- can be corrected by the difference between a message's old facts and its new ones.
CREATE TABLE message_facts (
    tenant_id           text    NOT NULL,
    message_id          uuid    NOT NULL,
    received_day        date    NOT NULL,
    channel             text    NOT NULL,
    block               text    NOT NULL,
    recipient           text    NOT NULL,
    territory           text    NOT NULL,
    answered_day        date,
    answer_minutes      int,
    on_time             boolean,
    first_reply_day     date,
    first_reply_minutes int,
    result              text,
    CONSTRAINT message_facts_pk PRIMARY KEY (tenant_id, message_id)
);
CREATE INDEX message_facts_answered ON message_facts (tenant_id, answered_day) WHERE answered_day IS NOT NULL;
CALL enable_tenant_isolation('message_facts');
GRANT SELECT, INSERT, UPDATE ON message_facts TO ${appRole};

-- Counts per municipality, day (in its time zone), channel, block, recipient and territory, kept by adding
-- each message's contribution and taking back its old one: a dashboard reads a few hundred rows, not the messages.
-- received counts on the day a message came in; answered, on time, late and the minutes on the day it was answered.
CREATE TABLE analytics_daily (
    tenant_id                 text   NOT NULL,
    day                       date   NOT NULL,
    channel                   text   NOT NULL,
    block                     text   NOT NULL,
    recipient                 text   NOT NULL,
    territory                 text   NOT NULL,
    received                  int    NOT NULL DEFAULT 0,
    answered                  int    NOT NULL DEFAULT 0,
    answered_on_time          int    NOT NULL DEFAULT 0,
    answered_late             int    NOT NULL DEFAULT 0,
    answer_minutes            bigint NOT NULL DEFAULT 0,
    first_replied             int    NOT NULL DEFAULT 0,
    first_reply_minutes       bigint NOT NULL DEFAULT 0,
    resolved                  int    NOT NULL DEFAULT 0,
    explained                 int    NOT NULL DEFAULT 0,
    CONSTRAINT analytics_daily_pk PRIMARY KEY (tenant_id, day, channel, block, recipient, territory)
);
CALL enable_tenant_isolation('analytics_daily');
GRANT SELECT, INSERT, UPDATE, DELETE ON analytics_daily TO ${appRole};

--changeset core:008-analytics-received-index
-- Ratings count, per subject, the messages received in the period and how many of them are answered.
CREATE INDEX message_facts_received ON message_facts (tenant_id, received_day);
