package ru.mcu.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

import ru.mcu.platform.tenancy.CurrentTenant;
import ru.mcu.platform.testsupport.RealServers;

/** With one pooled connection, one tenant's transaction can leave nothing behind for the next. */
@SpringBootTest(properties = "spring.datasource.hikari.maximum-pool-size=1")
@ContextConfiguration(initializers = RealServers.class)
class SingleConnectionTenancyTest {
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    Intake intake;
    @Autowired
    ru.mcu.core.tenant.TenantStatuses tenants;

    @org.junit.jupiter.api.BeforeAll
    static void municipalities(@Autowired org.springframework.data.redis.core.StringRedisTemplate redis) {
        ru.mcu.core.Municipalities.publishAlphaAndBeta(redis);
    }

    @Test
    void aRolledBackTransactionOfTenantALeavesNothingForTenantB() throws Exception {
        UUID[] written = new UUID[1];
        CurrentTenant.call("alpha-town", () -> tx.execute(status -> {
            written[0] = Registered.message(intake, tenants, "Откатится");
            assertThat(jdbc.queryForObject("select current_setting('app.tenant_id')", String.class)).isEqualTo("alpha-town");
            status.setRollbackOnly();
            return null;
        }));

        String backendA = CurrentTenant.call("alpha-town", () -> tx.execute(status -> jdbc.queryForObject("select pg_backend_pid()::text", String.class)));
        var seenByB = CurrentTenant.call("beta-city", () -> tx.execute(status -> java.util.Map.of(
                "backend", jdbc.queryForObject("select pg_backend_pid()::text", String.class),
                "tenant", jdbc.queryForObject("select current_setting('app.tenant_id')", String.class),
                "rows", jdbc.queryForObject("select count(*) from message where id = ?", Long.class, written[0]))));

        assertThat(seenByB.get("backend")).as("the same pooled connection").isEqualTo(backendA);
        assertThat(seenByB.get("tenant")).isEqualTo("beta-city");
        assertThat(seenByB.get("rows")).isEqualTo(0L);
        // After A's transaction ended, the connection carries no tenant at all.
        assertThat(jdbc.queryForObject("select current_setting('app.tenant_id', true)", String.class)).isEmpty();
        assertThatThrownBy(() -> jdbc.queryForObject("select count(*) from message", Long.class)).rootCause().hasMessageContaining("no tenant is set");
        Long stillThere = CurrentTenant.call("alpha-town", () -> tx.execute(status ->
                jdbc.queryForObject("select count(*) from message where id = ?", Long.class, written[0])));
        assertThat(stillThere).as("rolled back").isZero();
    }
}
