package ru.mcu.core.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import ru.mcu.platform.tenancy.TenancySecurity;

/**
 * Everything under /api belongs to one municipality: the token must name exactly one. The machine
 * API is for channel connectors (realm role channel-connector, the municipality's own client);
 * the rest is for the municipality's staff (realm role municipal-employee), never for a connector;
 * a region's calendar days and its municipalities' outlines are the regional operator's, who belongs to no municipality; the region's
 * comparison of municipalities is the regional analyst's and the federal methodologist's.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {
    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return TenancySecurity.api(http, requests -> requests
                .requestMatchers("/api/calendar/regions/**", "/api/boundaries/**").hasRole("regional-operator")
                // The region's view: the ЦУР's analysts and the federal methodologists, who belong to no municipality.
                .requestMatchers("/api/regional/**").hasAnyRole("regional-analyst", "federal-methodologist")
                .requestMatchers("/api/intake/**").access(AuthorizationManagers.allOf(TenancySecurity.singleTenant(),
                        AuthorityAuthorizationManager.hasRole("channel-connector")))
                .requestMatchers("/api/**").access(AuthorizationManagers.allOf(TenancySecurity.singleTenant(),
                        AuthorityAuthorizationManager.hasRole("municipal-employee"))));
    }
}
