package ru.mcu.core.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import ru.mcu.platform.tenancy.CurrentTenant;

/**
 * E-mail addresses of the municipality's staff, as their tokens state them (Keycloak's {@code email}
 * claim): learnt as people use the platform, written only when new or changed. An executor who
 * has never signed in is notified in the application only.
 */
@Component
class StaffDirectory {
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    /** tenant + username → the address last written, so an unchanged one costs no write. */
    private final Map<String, String> known = new ConcurrentHashMap<>();

    StaffDirectory(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /** Read in the caller's transaction and municipality. */
    Optional<String> email(String username) {
        List<String> found = jdbc.queryForList("select email from staff_contact where username = ?", String.class, username);
        return found.stream().findFirst();
    }

    void remember(String username, String email) {
        String tenant = CurrentTenant.required();
        if (email.equals(known.get(tenant + "\u0000" + username)) || email.length() > 300) {
            return;
        }
        tx.executeWithoutResult(status -> jdbc.update("insert into staff_contact (tenant_id, username, email, updated_at) "
                + "values (current_tenant(), ?, ?, ?) on conflict (tenant_id, username) do update set email = excluded.email, "
                + "updated_at = excluded.updated_at", username, email, Timestamp.from(clock.instant())));
        known.put(tenant + "\u0000" + username, email);
    }

    @Configuration(proxyBeanMethods = false)
    static class Learning implements WebMvcConfigurer {
        private final StaffDirectory directory;

        Learning(StaffDirectory directory) {
            this.directory = directory;
        }

        @Override
        public void addInterceptors(InterceptorRegistry registry) {
            registry.addInterceptor(new HandlerInterceptor() {
                @Override
                public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                    if (CurrentTenant.get().isPresent()
                            && SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token
                            && token.getToken().getClaimAsString("email") != null
                            && token.getToken().getClaimAsString("preferred_username") != null
                            && Boolean.TRUE.equals(token.getToken().getClaimAsBoolean("email_verified"))) {
                        directory.remember(token.getToken().getClaimAsString("preferred_username"), token.getToken().getClaimAsString("email"));
                    }
                    return true;
                }
            }).addPathPatterns("/api/**").excludePathPatterns("/api/intake/**");
        }
    }
}
