--liquibase formatted sql

--changeset core:007-message-priority
-- A message may carry one of its template's priorities (importance): the deadline policies written for it apply.
ALTER TABLE message ADD COLUMN priority text CHECK (length(priority) <= 100);
