package ru.mcu.tenant.onboarding;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Suspending and resuming a municipality. Suspended, its users cannot log in (they are disabled in
 * Keycloak and their sessions ended) nor call the API (the services see the status); its data is
 * kept. Resuming enables exactly the users the suspension disabled.
 */
@Service
public class Lifecycle {
    private final KeycloakDirectory directory;
    private final ConfigurationPublisher publisher;
    private final JdbcTemplate jdbc;

    Lifecycle(KeycloakDirectory directory, ConfigurationPublisher publisher, JdbcTemplate jdbc) {
        this.directory = directory;
        this.publisher = publisher;
        this.jdbc = jdbc;
    }

    public String suspend(String slug) {
        String status = status(slug);
        if (status.equals("SUSPENDED")) {
            return status;
        }
        if (!status.equals("ACTIVE")) {
            throw new OnboardingException.Conflict("Приостановить можно только работающий муниципалитет, а «" + slug + "» — " + status);
        }
        String organization = directory.organizationId(slug).orElseThrow(() -> new OnboardingException.Conflict(
                "У муниципалитета «" + slug + "» нет организации в Keycloak: завершите подключение"));
        // Recorded first, so that a failure half-way still lets resume enable those already disabled.
        List<String> members = directory.memberIds(organization);
        members.forEach(user -> jdbc.update("insert into suspended_user (tenant_id, user_id) values (?, ?) on conflict do nothing", slug, user));
        members.forEach(user -> directory.setUserEnabled(user, false));
        directory.setOrganizationEnabled(organization, false);
        jdbc.update("update tenant set status = 'SUSPENDED', updated_at = ? where id = ?", Timestamp.from(Instant.now()), slug);
        publisher.publishStatus(slug, "SUSPENDED");
        return "SUSPENDED";
    }

    public String resume(String slug) {
        String status = status(slug);
        if (status.equals("ACTIVE")) {
            return status;
        }
        if (!status.equals("SUSPENDED")) {
            throw new OnboardingException.Conflict("Возобновить можно только приостановленный муниципалитет, а «" + slug + "» — " + status);
        }
        directory.organizationId(slug).ifPresent(organization -> directory.setOrganizationEnabled(organization, true));
        for (String user : jdbc.queryForList("select user_id from suspended_user where tenant_id = ?", String.class, slug)) {
            directory.setUserEnabled(user, true);
            jdbc.update("delete from suspended_user where tenant_id = ? and user_id = ?", slug, user);
        }
        jdbc.update("update tenant set status = 'ACTIVE', updated_at = ? where id = ?", Timestamp.from(Instant.now()), slug);
        publisher.publishStatus(slug, "ACTIVE");
        return "ACTIVE";
    }

    private String status(String slug) {
        return jdbc.queryForList("select status from tenant where id = ?", String.class, slug).stream().findFirst()
                .orElseThrow(() -> new OnboardingException.NotFound(slug));
    }
}
