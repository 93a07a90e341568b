--liquibase formatted sql

--changeset core:006-message-closed-at
-- When a message last reached a final state: set by each closing step, and by an import of history
-- to the day an old case was closed. Messages closed before this column stay without it.
ALTER TABLE message ADD COLUMN closed_at timestamptz;
