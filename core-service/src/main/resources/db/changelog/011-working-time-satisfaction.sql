--liquibase formatted sql

--changeset core:011-working-time-satisfaction
-- Times to reply in the channel's working time as well as on the wall clock, and the citizen's verdict:
-- a satisfaction window that ended in acceptance (said or silent), and whether the message was reopened.
ALTER TABLE message_facts
    ADD COLUMN answer_working_minutes      int,
    ADD COLUMN first_reply_working_minutes int,
    ADD COLUMN accepted                    boolean,
    ADD COLUMN reopened                    boolean NOT NULL DEFAULT false;
ALTER TABLE analytics_daily
    ADD COLUMN answer_working_minutes      bigint NOT NULL DEFAULT 0,
    ADD COLUMN first_reply_working_minutes bigint NOT NULL DEFAULT 0,
    ADD COLUMN satisfaction_checked        int    NOT NULL DEFAULT 0,
    ADD COLUMN accepted                    int    NOT NULL DEFAULT 0,
    ADD COLUMN reopened                    int    NOT NULL DEFAULT 0;
ALTER TABLE regional_daily
    ADD COLUMN first_replied               int    NOT NULL DEFAULT 0,
    ADD COLUMN first_reply_minutes         bigint NOT NULL DEFAULT 0,
    ADD COLUMN answer_working_minutes      bigint NOT NULL DEFAULT 0,
    ADD COLUMN satisfaction_checked        int    NOT NULL DEFAULT 0,
    ADD COLUMN accepted                    int    NOT NULL DEFAULT 0,
    ADD COLUMN reopened                    int    NOT NULL DEFAULT 0;
-- Facts kept so far have none of it (nulls and zeros, which is what they contribute to the new counts):
-- the analytics check derives each message's facts anew and corrects the counts by the difference.
