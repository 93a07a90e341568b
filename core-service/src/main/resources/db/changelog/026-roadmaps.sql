--liquibase formatted sql

--changeset core:026-roadmaps
-- A roadmap removes the root cause of repeated messages: the cluster it is about (a category in a
-- territory), its measures with their owners, due dates and states; adopted as made, or approved by
-- the roles the template names (roadmaps.approvedBy).
CREATE TABLE roadmap (
    tenant_id   text        NOT NULL,
    id          uuid        NOT NULL,
    title       text        NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    cause       text        NOT NULL CHECK (length(cause) BETWEEN 1 AND 4000),
    -- The cluster, as the recurring problems name it; '' where the roadmap is not about one category or territory.
    category    text        NOT NULL,
    territory   text        NOT NULL,
    status      text        NOT NULL CHECK (status IN ('draft', 'adopted')),
    created_at  timestamptz NOT NULL,
    created_by  text        NOT NULL,
    adopted_at  timestamptz,
    adopted_by  text,
    CONSTRAINT roadmap_pk PRIMARY KEY (tenant_id, id)
);
CALL enable_tenant_isolation('roadmap');
GRANT SELECT, INSERT, UPDATE ON roadmap TO ${appRole};

CREATE TABLE roadmap_measure (
    tenant_id  text NOT NULL,
    id         uuid NOT NULL,
    roadmap_id uuid NOT NULL,
    position   int  NOT NULL,
    text       text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
    owner_kind text NOT NULL CHECK (owner_kind IN ('recipient', 'block', 'role')),
    owner      text NOT NULL,
    due        date NOT NULL,
    status     text NOT NULL CHECK (status IN ('planned', 'in-progress', 'done', 'cancelled')),
    done_on    date,
    CONSTRAINT roadmap_measure_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT roadmap_measure_roadmap_fk FOREIGN KEY (tenant_id, roadmap_id) REFERENCES roadmap (tenant_id, id)
);
CREATE INDEX roadmap_measure_of_roadmap ON roadmap_measure (tenant_id, roadmap_id, position);
CALL enable_tenant_isolation('roadmap_measure');
GRANT SELECT, INSERT, UPDATE ON roadmap_measure TO ${appRole};
