package ru.mcu.gateway.security;

import static org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers.pathMatchers;

import java.net.URI;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint.DelegateEntry;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.HttpStatusServerEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.web.server.WebFilter;

import reactor.core.publisher.Mono;

/**
 * The gateway as a backend-for-frontend: it logs users in at Keycloak, keeps their tokens in the
 * Redis-backed session, and gives the browser only an HttpOnly session cookie. Pages redirect to
 * the login; API calls answer 401. State-changing requests need the CSRF token, which the page's
 * script reads from the XSRF-TOKEN cookie and sends back in the X-XSRF-TOKEN header.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {
    static final String LOGIN = "/oauth2/authorization/keycloak";

    @Bean
    SecurityWebFilterChain web(ServerHttpSecurity http, ReactiveClientRegistrationRepository clients) {
        CookieServerCsrfTokenRepository csrfTokens = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
        csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));
        OidcClientInitiatedServerLogoutSuccessHandler logout = new OidcClientInitiatedServerLogoutSuccessHandler(clients);
        logout.setPostLogoutRedirectUri("{baseUrl}/");
        logout.setLogoutSuccessUrl(URI.create("/"));

        return http
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health/**", "/actuator/info").permitAll()
                        .anyExchange().authenticated())
                .oauth2Login(login -> { })
                .exceptionHandling(handling -> handling.authenticationEntryPoint(new DelegatingServerAuthenticationEntryPoint(
                        new DelegateEntry(pathMatchers("/api/**"), new HttpStatusServerEntryPoint(HttpStatus.UNAUTHORIZED)),
                        new DelegateEntry(exchange -> org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult.match(),
                                new RedirectServerAuthenticationEntryPoint(LOGIN)))))
                .logout(out -> out.logoutSuccessHandler(logout))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        // The script sends the cookie's value as is; nothing renders it into a page.
                        .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler()))
                .addFilterAfter(writeCsrfCookie(), SecurityWebFiltersOrder.CSRF)
                .headers(headers -> headers
                        .frameOptions(frame -> frame.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY))
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'")))
                .build();
    }

    /** The CSRF token is created lazily; subscribing to it makes every response carry the cookie. */
    private static WebFilter writeCsrfCookie() {
        return (exchange, chain) -> {
            Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
            return (token != null ? token.then() : Mono.<Void>empty()).then(chain.filter(exchange));
        };
    }
}
