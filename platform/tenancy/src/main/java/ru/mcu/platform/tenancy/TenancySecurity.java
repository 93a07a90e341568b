package ru.mcu.platform.tenancy;

import java.util.function.Supplier;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * The resource-server half every service shares: stateless bearer-token checks, realm roles as
 * {@code ROLE_<role>} authorities, the tenant bound from the token, and the rule for endpoints
 * that belong to one municipality.
 */
public final class TenancySecurity {
    private TenancySecurity() {
    }

    /** Rules of one service's API, between the open health probes and the final deny-all. */
    @FunctionalInterface
    public interface ApiRules {
        void apply(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests);
    }

    /**
     * A service's filter chain: bearer tokens only, health probes open, the service's own rules,
     * and everything else denied, so an endpoint nobody thought about is closed.
     */
    public static SecurityFilterChain api(HttpSecurity http, ApiRules rules) throws Exception {
        return resourceServer(http)
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers("/actuator/health/**", "/actuator/info").permitAll();
                    // The API's OpenAPI description (no data in it): the front end's client is generated from it.
                    requests.requestMatchers(org.springframework.http.HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**").permitAll();
                    rules.apply(requests);
                    requests.anyRequest().denyAll();
                })
                .build();
    }

    static HttpSecurity resourceServer(HttpSecurity http) throws Exception {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(TenancySecurity::authorities);
        converter.setPrincipalClaimName("preferred_username");
        return http
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(ru.mcu.platform.problem.ProblemSecurity.unauthenticated())
                        .accessDeniedHandler(ru.mcu.platform.problem.ProblemSecurity.forbidden()))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(ru.mcu.platform.problem.ProblemSecurity.unauthenticated())
                        .accessDeniedHandler(ru.mcu.platform.problem.ProblemSecurity.forbidden()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Bearer tokens only, no cookies: there is no ambient credential for CSRF to abuse.
                .csrf(csrf -> csrf.disable())
                .addFilterAfter(new TenantFilter(), BearerTokenAuthenticationFilter.class);
    }

    /** Allows a token that names exactly one organization; none or several is a 403. */
    public static AuthorizationManager<RequestAuthorizationContext> singleTenant() {
        return new AuthorizationManager<>() {
            @Override
            public AuthorizationResult authorize(Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
                return new AuthorizationDecision(authentication.get() instanceof JwtAuthenticationToken token
                        && PlatformToken.singleTenant(token.getToken()).isPresent());
            }
        };
    }

    /** Realm roles as authorities; public so that tests with mocked tokens map them the same way. */
    public static java.util.Collection<GrantedAuthority> authorities(Jwt jwt) {
        return PlatformToken.realmRoles(jwt).stream()
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role))
                .toList();
    }
}
