package ru.mcu.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

import ru.mcu.platform.tenancy.CurrentTenant;
import ru.mcu.platform.testsupport.RealServers;

/**
 * Isolation proven as the application's database role (which owns nothing and cannot bypass
 * row-level security), through each way code can reach a row.
 */
@SpringBootTest
@ContextConfiguration(initializers = RealServers.class)
class TenantIsolationTest {
    @Autowired
    MessageRepository repository;
    @Autowired
    Intake intake;
    @Autowired
    ru.mcu.core.tenant.TenantStatuses tenants;

    @org.junit.jupiter.api.BeforeAll
    static void municipalities(@Autowired org.springframework.data.redis.core.StringRedisTemplate redis) {
        ru.mcu.core.Municipalities.publishAlphaAndBeta(redis);
    }
    @Autowired
    EntityManager entityManager;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;

    UUID alphaMessage;

    <T> T as(String tenant, java.util.function.Supplier<T> work) {
        try {
            return CurrentTenant.call(tenant, () -> tx.execute(status -> work.get()));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void alphaRegistersAMessage() {
        alphaMessage = as("alpha-town", () -> Registered.message(intake, tenants, "Затопило подвал"));
    }

    @Test
    void theServiceConnectsAsARoleThatCannotBypassRowLevelSecurity() {
        var role = jdbc.queryForMap("select current_user as name, rolsuper, rolbypassrls from pg_roles where rolname = current_user");
        assertThat(role.get("name")).isEqualTo("core_app");
        assertThat(role.get("rolsuper")).isEqualTo(false);
        assertThat(role.get("rolbypassrls")).isEqualTo(false);
        var table = jdbc.queryForMap("select relrowsecurity, relforcerowsecurity, pg_get_userbyid(relowner) as owner "
                + "from pg_class where relname = 'message'");
        assertThat(table).containsEntry("relrowsecurity", true).containsEntry("relforcerowsecurity", true)
                .containsEntry("owner", "core_owner");
    }

    /** Every table that holds a municipality's rows, today's and any added later (reports, analytics…), is under forced row-level security. */
    @Test
    void everyTableWithAMunicipalitysRowsIsUnderForcedRowLevelSecurity() {
        var unguarded = jdbc.queryForList("select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                + "where c.relkind = 'r' and n.nspname = current_schema() and exists (select 1 from pg_attribute a where a.attrelid = c.oid "
                + "and a.attname = 'tenant_id' and not a.attisdropped) and not (c.relrowsecurity and c.relforcerowsecurity)", String.class);
        assertThat(unguarded).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from pg_class where relname in ('report', 'report_recipients', 'message_facts', "
                + "'analytics_daily', 'regional_daily', 'attachment') and relrowsecurity and relforcerowsecurity", Long.class)).isEqualTo(6);
    }

    @Test
    void theOwnerFindsItsMessageEveryWay() {
        assertThat(as("alpha-town", () -> repository.findById(alphaMessage))).isPresent();
        assertThat(as("alpha-town", () -> jdbc.queryForObject("select count(*) from message where id = ?", Long.class, alphaMessage))).isEqualTo(1);
    }

    @Test
    void anotherTenantFindsNothingThroughTheRepository() {
        assertThat(as("beta-city", () -> repository.findById(alphaMessage))).isEmpty();
        assertThat(as("beta-city", () -> repository.findAll())).extracting(Message::getId).doesNotContain(alphaMessage);
    }

    @Test
    void anotherTenantFindsNothingThroughJpql() {
        assertThat(as("beta-city", () -> entityManager
                .createQuery("select m from Message m where m.id = :id", Message.class)
                .setParameter("id", alphaMessage).getResultList())).isEmpty();
    }

    @Test
    void anotherTenantFindsNothingThroughANativeQuery() {
        // Hibernate does not filter native SQL: this is row-level security alone.
        assertThat(as("beta-city", () -> entityManager
                .createNativeQuery("select id from message where id = :id")
                .setParameter("id", alphaMessage).getResultList())).isEmpty();
    }

    @Test
    void anotherTenantFindsNothingThroughJdbcTemplate() {
        assertThat(as("beta-city", () -> jdbc.queryForObject("select count(*) from message where id = ?", Long.class, alphaMessage))).isZero();
        assertThat(as("beta-city", () -> jdbc.update("update message set text = 'x' where id = ?", alphaMessage))).isZero();
        // Messages are never deleted by the application: the role has no DELETE at all.
        assertThatThrownBy(() -> as("beta-city", () -> jdbc.update("delete from message where id = ?", alphaMessage)))
                .rootCause().hasMessageContaining("permission denied for table message");
    }

    @Test
    void anInsertWithAnotherTenantsIdIsRefused() {
        assertThatThrownBy(() -> as("beta-city", () -> jdbc.update(
                "insert into message (tenant_id, id, kind, channel, received_at, text, regulation, state, created_at, created_by, version) "
                        + "values ('alpha-town', ?, 'message', 'im', now(), 'чужое', 'im', 'new', now(), 'x', 0)",
                UUID.randomUUID())))
                .rootCause().hasMessageContaining("new row violates row-level security policy");
        UUID betaMessage = as("beta-city", () -> Registered.message(intake, tenants, "Своё сообщение"));
        assertThatThrownBy(() -> as("beta-city", () -> jdbc.update(
                "update message set tenant_id = 'alpha-town' where id = ?", betaMessage)))
                .rootCause().hasMessageContaining("new row violates row-level security policy");
    }

    @Test
    void withNoTenantTheDatabaseRefusesInsteadOfChoosingOne() {
        assertThatThrownBy(() -> tx.execute(status -> jdbc.queryForObject("select count(*) from message", Long.class)))
                .rootCause().hasMessageContaining("no tenant is set");
        // Outside any transaction, too.
        assertThatThrownBy(() -> jdbc.queryForObject("select count(*) from message", Long.class))
                .rootCause().hasMessageContaining("no tenant is set");
        // And so does Hibernate's own query.
        assertThatThrownBy(() -> tx.execute(status -> repository.findById(alphaMessage)))
                .rootCause().hasMessageContaining("no tenant is set");
    }
}
