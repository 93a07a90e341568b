package ru.mcu.tenant.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import ru.mcu.platform.tenancy.TenancySecurity;

/** Platform endpoints belong to the regional personas (realm roles); /api/me to anyone signed in; /api/staff to a municipality's staff. */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {
    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return TenancySecurity.api(http, requests -> requests
                .requestMatchers("/api/me").authenticated()
                // A municipality's own staff administration: its people, with a token of that one municipality.
                .requestMatchers("/api/staff", "/api/staff/**").access(org.springframework.security.authorization.AuthorizationManagers.allOf(
                        ru.mcu.platform.tenancy.TenancySecurity.singleTenant(),
                        org.springframework.security.authorization.AuthorityAuthorizationManager.hasRole("municipal-employee")))
                .requestMatchers("/api/platform/**").hasRole("regional-operator"));
    }
}
