--liquibase formatted sql

--changeset core:010-facts-category
-- The heat map crosses categories with territories: a message's category joins its facts.
ALTER TABLE message_facts ADD COLUMN category text NOT NULL DEFAULT '';
