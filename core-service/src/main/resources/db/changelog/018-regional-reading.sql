--liquibase formatted sql

--changeset core:018-visible-regions splitStatements:false
-- The regions a regional transaction names, as an array the planner can look up by index: '*' (the
-- federal methodologist's) is every code a template may carry (two digits, the schema's pattern).
-- The policies said "'*' OR region_code = ANY (…)", and the OR kept every query off the indexes.
CREATE FUNCTION visible_regions() RETURNS text[] STABLE LANGUAGE sql AS $$
    SELECT CASE WHEN current_setting('app.regions', true) = '*' THEN ARRAY(SELECT lpad(g::text, 2, '0') FROM generate_series(0, 99) g)
                ELSE coalesce(string_to_array(current_setting('app.regions', true), ','), '{}') END
$$;

--changeset core:018-regional-reading
ALTER POLICY regional_reading ON regional_daily USING (region_code = ANY (visible_regions()));
ALTER POLICY regional_reading ON regional_monthly USING (region_code = ANY (visible_regions()));
ALTER POLICY regional_reading ON regional_categories USING (region_code = ANY (visible_regions()));
-- A period's edge days across every region (the methodologist's view).
CREATE INDEX regional_daily_by_day ON regional_daily (day, region_code);
CREATE INDEX regional_monthly_by_month ON regional_monthly (month, region_code);
GRANT EXECUTE ON FUNCTION visible_regions() TO ${appRole};
