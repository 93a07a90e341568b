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
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.csrf.CsrfException;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.csrf.WebSessionServerCsrfTokenRepository;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.web.server.WebFilter;

import reactor.core.publisher.Mono;
import ru.mcu.gateway.web.ProblemResponses;

/**
 * The gateway as a backend-for-frontend: it logs users in at Keycloak, keeps their tokens in the
 * Redis-backed session, and gives the browser only an HttpOnly session cookie. Pages redirect to
 * the login; API calls answer a 401 problem. State-changing requests need the CSRF token, which is
 * kept in the session (so it is bound to it) and handed to the page's script in the XSRF-TOKEN
 * cookie, to come back in the X-XSRF-TOKEN header. A session that never logged in lives minutes
 * ({@code spring.session.timeout}), a signed-in one hours ({@code mcu.session.signed-in}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {
    static final String LOGIN = "/oauth2/authorization/keycloak";
    static final String CSRF_COOKIE = "XSRF-TOKEN";

    /**
     * The bundled scripts and styles are the same for everyone and carry no data (the data is behind
     * the API), so they are served without reading or writing the session: on a first visit a dozen
     * of them load at once, and each would otherwise cost the session store a read and a write.
     */
    @Bean
    @org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain assets(ServerHttpSecurity http) {
        return http
                .securityMatcher(pathMatchers(org.springframework.http.HttpMethod.GET, "/assets/**"))
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .securityContextRepository(org.springframework.security.web.server.context.NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(org.springframework.security.web.server.savedrequest.NoOpServerRequestCache.getInstance()))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .build();
    }

    @Bean
    SecurityWebFilterChain web(ServerHttpSecurity http, ReactiveClientRegistrationRepository clients, ru.mcu.gateway.web.MapTiles tiles,
                               @org.springframework.beans.factory.annotation.Value("${mcu.session.signed-in:8h}") java.time.Duration signedIn,
                               @org.springframework.beans.factory.annotation.Value("${server.reactive.session.cookie.secure:false}") boolean secure) {
        OidcClientInitiatedServerLogoutSuccessHandler logout = new OidcClientInitiatedServerLogoutSuccessHandler(clients);
        logout.setPostLogoutRedirectUri("{baseUrl}/");
        logout.setLogoutSuccessUrl(URI.create("/"));

        return http
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health/**", "/actuator/info").permitAll()
                        .anyExchange().authenticated())
                .oauth2Login(login -> { })
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(new DelegatingServerAuthenticationEntryPoint(
                                new DelegateEntry(pathMatchers("/api/**"), (exchange, e) -> ProblemResponses.write(exchange,
                                        HttpStatus.UNAUTHORIZED, "unauthenticated", "Нужен вход в систему",
                                        "Сеанс не начат или истёк: войдите снова")),
                                new DelegateEntry(exchange -> org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult.match(),
                                        new RedirectServerAuthenticationEntryPoint(LOGIN))))
                        .accessDeniedHandler((exchange, e) -> ProblemResponses.write(exchange, HttpStatus.FORBIDDEN, "forbidden", "Нет доступа",
                                "Этот запрос не разрешён вашей учётной записи")))
                .logout(out -> out.logoutSuccessHandler(logout))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens())
                        // The script sends the cookie's value as is; nothing renders it into a page.
                        .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                        .accessDeniedHandler((exchange, e) -> ProblemResponses.write(exchange, HttpStatus.FORBIDDEN,
                                e instanceof CsrfException ? "csrf-token-invalid" : "forbidden", "Запрос отклонён",
                                "Нет или неверен токен защиты от подделки запроса (X-XSRF-TOKEN): обновите страницу и повторите")))
                .addFilterAfter(csrfCookieAndSessionLifetime(signedIn, secure), SecurityWebFiltersOrder.AUTHENTICATION)
                .headers(headers -> headers
                        .frameOptions(frame -> frame.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY))
                        .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy(tiles.origin()))))
                .build();
    }

    /**
     * The page's policy: scripts from the gateway only. The component library sets element styles at
     * run time (CSS-in-JS), and the map draws in workers from blob: URLs and fetches its tiles from the
     * configured tile server, if any (its origin joins img-src and connect-src, and nothing else does).
     */
    static String contentSecurityPolicy(String tileOrigin) {
        String tiles = tileOrigin == null ? "" : " " + tileOrigin;
        return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:" + tiles + "; "
                + "worker-src 'self' blob:; connect-src 'self'" + tiles + "; object-src 'none'; base-uri 'self'; "
                + "form-action 'self'; frame-ancestors 'none'";
    }

    /** The token lives in the session; the page's script sends it back in the header the cookie-based scheme used. */
    private static WebSessionServerCsrfTokenRepository csrfTokens() {
        WebSessionServerCsrfTokenRepository tokens = new WebSessionServerCsrfTokenRepository();
        tokens.setHeaderName("X-XSRF-TOKEN");
        return tokens;
    }

    /**
     * For a signed-in user: the session's CSRF token goes to the page in a cookie, and the session
     * is given the signed-in lifetime before it is saved. Anyone else gets no token (so no session
     * is made for it); a session made for a login under way keeps the store's short default
     * ({@code spring.session.timeout}).
     */
    private static WebFilter csrfCookieAndSessionLifetime(java.time.Duration signedIn, boolean secure) {
        return (exchange, chain) -> org.springframework.security.core.context.ReactiveSecurityContextHolder.getContext()
                .mapNotNull(org.springframework.security.core.context.SecurityContext::getAuthentication)
                .filter(org.springframework.security.core.Authentication::isAuthenticated)
                .flatMap(principal -> {
                    Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
                    return exchange.getSession().doOnNext(session -> session.setMaxIdleTime(signedIn))
                            .then(token == null ? Mono.<CsrfToken>empty() : token)
                            .doOnNext(csrf -> exchange.getResponse().addCookie(org.springframework.http.ResponseCookie.from(CSRF_COOKIE, csrf.getToken())
                                    .path("/").sameSite("Strict").secure(secure).build()))
                            .thenReturn(principal);
                })
                .then(chain.filter(exchange));
    }
}
