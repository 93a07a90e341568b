--liquibase formatted sql

--changeset core:020-regional-reading-once
-- The policies called visible_regions() for every row they looked at: each call built the array of
-- a hundred codes again, and the methodologist's year (28,000 monthly rows) took 1.1 s instead of
-- 10 ms. A scalar subquery is evaluated once per query (an InitPlan), and the cast keeps it an array
-- for "= ANY" rather than a subquery of rows.
ALTER POLICY regional_reading ON regional_daily USING (region_code = ANY ((SELECT visible_regions())::text[]));
ALTER POLICY regional_reading ON regional_monthly USING (region_code = ANY ((SELECT visible_regions())::text[]));
ALTER POLICY regional_reading ON regional_categories USING (region_code = ANY ((SELECT visible_regions())::text[]));
ALTER POLICY regional_reading ON municipality_boundary USING (region_code = ANY ((SELECT visible_regions())::text[]));
