--liquibase formatted sql

--changeset core:004-deadline-recomputable
-- A deadline computed from a policy on the working calendar is recomputed when the calendar changes;
-- one set by hand, supplied by the source platform or extended is not.
ALTER TABLE deadline ADD COLUMN recomputable boolean NOT NULL DEFAULT false;
CREATE INDEX deadline_recomputable ON deadline (tenant_id) WHERE status = 'open' AND recomputable;
ALTER TABLE calendar_override ADD COLUMN level text NOT NULL DEFAULT 'municipal' CHECK (level IN ('regional', 'municipal'));
