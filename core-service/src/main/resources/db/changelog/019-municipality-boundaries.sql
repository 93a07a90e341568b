--liquibase formatted sql

--changeset core:019-municipality-boundaries
-- Each municipality's outline (a GeoJSON Polygon or MultiPolygon) for the region's choropleth. The
-- regional operator loads a region's outlines at once; the region's analysts read them as they read
-- regional_daily. Geography only: nothing of a message or a person.
CREATE TABLE municipality_boundary (
    region_code text        NOT NULL CHECK (region_code ~ '^[0-9]{2}$'),
    tenant_id   text        NOT NULL,
    geometry    jsonb       NOT NULL CHECK (geometry ->> 'type' IN ('Polygon', 'MultiPolygon')),
    loaded_at   timestamptz NOT NULL DEFAULT now(),
    loaded_by   text        NOT NULL,
    CONSTRAINT municipality_boundary_pk PRIMARY KEY (region_code, tenant_id)
);
ALTER TABLE municipality_boundary ENABLE ROW LEVEL SECURITY;
ALTER TABLE municipality_boundary FORCE ROW LEVEL SECURITY;
-- The operator's transaction names the one region it replaces the outlines of.
CREATE POLICY regional_upkeep ON municipality_boundary
    USING (region_code = current_setting('app.boundaries_region', true))
    WITH CHECK (region_code = current_setting('app.boundaries_region', true));
CREATE POLICY regional_reading ON municipality_boundary FOR SELECT
    USING (region_code = ANY (visible_regions()));
GRANT SELECT, INSERT, DELETE ON municipality_boundary TO ${appRole};
