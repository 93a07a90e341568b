package ru.mcu.core.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import ru.mcu.platform.tenancy.TenancySecurity;

/** Everything under /api belongs to one municipality: the token must name exactly one. */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {
    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return TenancySecurity.api(http, requests -> requests
                .requestMatchers("/api/**").access(TenancySecurity.singleTenant()));
    }
}
