--liquibase formatted sql

-- Shared by every service database: the tenant of the current transaction, and the one way a
-- table is put under row-level security. Runs as the schema owner; ${appRole} is the application role.

--changeset mcu-platform:tenancy-schema-usage
GRANT USAGE ON SCHEMA public TO ${appRole};

--changeset mcu-platform:tenancy-current-tenant splitStatements:false runOnChange:true
-- No tenant set (or an empty one left after a transaction ended) is an error, never "all rows".
CREATE OR REPLACE FUNCTION current_tenant() RETURNS text
    LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
    tenant text := current_setting('app.tenant_id', true);
BEGIN
    IF tenant IS NULL OR tenant = '' THEN
        RAISE EXCEPTION 'no tenant is set for this transaction (app.tenant_id)'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN tenant;
END
$$;

--changeset mcu-platform:tenancy-isolation-procedure splitStatements:false runOnChange:true
-- (select current_tenant()) is evaluated once per statement, not once per row.
CREATE OR REPLACE PROCEDURE enable_tenant_isolation(target regclass)
    LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
    EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', target);
    EXECUTE format('CREATE POLICY tenant_isolation ON %s USING (tenant_id = (select current_tenant())) '
                   'WITH CHECK (tenant_id = (select current_tenant()))', target);
END
$$;
