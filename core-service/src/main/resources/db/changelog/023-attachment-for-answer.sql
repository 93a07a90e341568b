--liquibase formatted sql

--changeset core:023-attachment-for-answer
-- A file staff attach to the answer (the reply letter, an act of the works done): the connector that
-- publishes the answer on the source platform takes it with the answer; the citizen's own files stay here.
ALTER TABLE attachment ADD COLUMN for_answer boolean NOT NULL DEFAULT false;
-- The text's length, kept when it is recorded: the card's list polls while a file is read, and must not
-- unpack every file's text for it.
ALTER TABLE attachment ADD COLUMN text_length int;
-- Every municipality's rows at once, as the owner: row-level security set aside for this statement only.
ALTER TABLE attachment NO FORCE ROW LEVEL SECURITY;
UPDATE attachment SET text_length = length(extracted_text) WHERE extracted_text IS NOT NULL;
ALTER TABLE attachment FORCE ROW LEVEL SECURITY;
-- PostgreSQL refuses a tsvector over 1 MB, which a million characters of distinct words or numbers can
-- reach: the search indexes the text's first 100,000 characters (the excerpt and the whole text are kept).
ALTER TABLE attachment DROP COLUMN search;
ALTER TABLE attachment ADD COLUMN search tsvector
    GENERATED ALWAYS AS (to_tsvector('russian', left(coalesce(extracted_text, ''), 100000))) STORED;
CREATE INDEX attachment_search ON attachment USING gin (search);
