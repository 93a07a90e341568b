--liquibase formatted sql

--changeset core:024-duplicate-candidates
-- Duplicate detection compares a message with those of its category received within ten days of it.
CREATE INDEX message_by_category_received ON message (tenant_id, category, received_at);
