--liquibase formatted sql

--changeset core:014-citizen-rating
-- The citizen's rating of the answer (1–5) where the source platform supplies one with a relayed step:
-- the latest counts, on the answer's day, as the other verdicts do.
ALTER TABLE message_facts ADD COLUMN rating int CHECK (rating BETWEEN 1 AND 5);
ALTER TABLE analytics_daily
    ADD COLUMN rated      int    NOT NULL DEFAULT 0,
    ADD COLUMN rating_sum bigint NOT NULL DEFAULT 0;
ALTER TABLE regional_daily
    ADD COLUMN rated      int    NOT NULL DEFAULT 0,
    ADD COLUMN rating_sum bigint NOT NULL DEFAULT 0;
