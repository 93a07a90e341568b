package ru.mcu.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import reactor.core.publisher.Mono;

class TenantHeaderStrippingTest {
    @Test
    void noHeaderThatClaimsATenantGoesDownstream() {
        var exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/messages")
                .header("X-Tenant-Id", "other-town")
                .header("tenant", "other-town")
                .header("X-Forwarded-Tenant", "other-town")
                .header("Accept", "application/json"));
        AtomicReference<HttpHeaders> downstream = new AtomicReference<>();

        new TenantHeaderStripping().filter(exchange, forwarded -> {
            downstream.set(forwarded.getRequest().getHeaders());
            return Mono.empty();
        }).block();

        assertThat(downstream.get().headerNames()).containsExactly("Accept");
    }
}
