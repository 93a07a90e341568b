package ru.mcu.core.tenant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import ru.mcu.platform.tenancy.CurrentTenant;

/**
 * Only an ACTIVE municipality's staff work: a suspended one, one still onboarding, or one whose
 * status tenant-service has not published get 403 on every municipal endpoint, even with a token
 * issued before a suspension; the data stays as it is.
 */
@Configuration(proxyBeanMethods = false)
class ActiveTenantOnly implements WebMvcConfigurer {
    private final TenantStatuses statuses;

    ActiveTenantOnly(TenantStatuses statuses) {
        this.statuses = statuses;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                CurrentTenant.get().ifPresent(tenant -> {
                    String status = statuses.status(tenant).orElse("UNKNOWN");
                    if (!status.equals("ACTIVE")) {
                        throw new TenantNotActiveException(tenant, status);
                    }
                });
                return true;
            }
        }).addPathPatterns("/api/**");
    }

    static class TenantNotActiveException extends RuntimeException {
        final String status;

        TenantNotActiveException(String tenant, String status) {
            super("Муниципалитет «" + tenant + "» " + (status.equals("SUSPENDED") ? "приостановлен" : "не подключён")
                    + ": работа с его данными недоступна");
            this.status = status;
        }
    }

    /** Placed before the service's general mapper, so these two are answered here. */
    @RestControllerAdvice
    @org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
    static class Problems {
        @ExceptionHandler
        ProblemDetail notActive(TenantNotActiveException e) {
            ProblemDetail problem = ru.mcu.platform.problem.Problems.of(HttpStatus.FORBIDDEN, "municipality-not-active",
                    "Муниципалитет не работает", e.getMessage());
            problem.setProperty("tenantStatus", e.status);
            return problem;
        }

        @ExceptionHandler
        ProblemDetail notConfigured(TenantStatuses.NotConfiguredException e) {
            return ru.mcu.platform.problem.Problems.of(HttpStatus.CONFLICT, "municipality-not-configured", "Муниципалитет не настроен",
                    e.getMessage());
        }
    }
}
