package ru.mcu.gateway.web;

import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * The web application has a URL for every screen (/queue, /messages/{id}, …), which only the
 * browser's router knows: a page request for any of them gets index.html, after the security chain
 * has let it through (so an anonymous visitor is still sent to the login). Bundled assets carry a
 * content hash in their names, so they are cached for good; index.html never is.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class SinglePageApp implements WebFilter {
    private static final List<String> SERVER_PATHS = List.of("/api/", "/actuator", "/oauth2/", "/login", "/logout", "/assets/", "/v3/");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (path.startsWith("/assets/")) {
            exchange.getResponse().getHeaders().setCacheControl("public, max-age=31536000, immutable");
            return chain.filter(exchange);
        }
        if (!isScreen(exchange, path)) {
            return chain.filter(exchange);
        }
        exchange.getResponse().getHeaders().setCacheControl("no-cache");
        ServerWebExchange index = exchange.mutate().request(exchange.getRequest().mutate().path("/index.html").build()).build();
        return chain.filter(index);
    }

    /** A browser asking for a page (not a file, not the API) at one of the application's URLs. */
    private static boolean isScreen(ServerWebExchange exchange, String path) {
        if (exchange.getRequest().getMethod() != HttpMethod.GET || SERVER_PATHS.stream().anyMatch(path::startsWith)) {
            return false;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (last.contains(".")) {
            return false;
        }
        List<MediaType> accepted = exchange.getRequest().getHeaders().getAccept();
        return accepted.stream().anyMatch(type -> type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType())
                || exchange.getRequest().getHeaders().getFirst(HttpHeaders.ACCEPT) == null;
    }
}
