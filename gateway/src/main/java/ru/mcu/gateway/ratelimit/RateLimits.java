package ru.mcu.gateway.ratelimit;

import java.util.Collection;
import java.util.List;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;
import ru.mcu.gateway.web.ProblemResponses;

/**
 * Per-user and per-municipality limits on what reaches the services, kept in Redis by Spring Cloud
 * Gateway's token-bucket rate limiter, so every gateway instance counts together. One person's
 * script gone wild cannot starve a municipality, nor one municipality the platform. Over a limit
 * the answer is a 429 problem with Retry-After.
 */
@Component
class RateLimits implements GlobalFilter, Ordered {
    /** {@code mcu.rate-limits.user|municipality}: requests per second, and the burst allowed on top. */
    @ConfigurationProperties("mcu.rate-limits")
    record Settings(Limit user, Limit municipality) {
        Settings {
            user = user == null ? new Limit(20, 60) : user;
            municipality = municipality == null ? new Limit(300, 900) : municipality;
        }
    }

    record Limit(int perSecond, int burst) {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(Settings.class)
    static class Wiring {
    }

    private final RedisRateLimiter limiter;
    private final Settings settings;

    RateLimits(ReactiveStringRedisTemplate redis, @Qualifier(RedisRateLimiter.REDIS_SCRIPT_NAME) RedisScript<List<Long>> script,
               ConfigurationService configuration, Settings settings) {
        this.settings = settings;
        this.limiter = new RedisRateLimiter(redis, script, configuration);
        limiter.setIncludeHeaders(false);
        limiter.getConfig().put("user", new RedisRateLimiter.Config().setReplenishRate(settings.user().perSecond())
                .setBurstCapacity(settings.user().burst()).setRequestedTokens(1));
        limiter.getConfig().put("municipality", new RedisRateLimiter.Config().setReplenishRate(settings.municipality().perSecond())
                .setBurstCapacity(settings.municipality().burst()).setRequestedTokens(1));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal().filter(OAuth2AuthenticationToken.class::isInstance).cast(OAuth2AuthenticationToken.class)
                .flatMap(token -> limiter.isAllowed("user", "user:" + token.getName()).flatMap(user -> {
                    if (!user.isAllowed()) {
                        return refuse(exchange, "на пользователя", settings.user());
                    }
                    String municipality = municipality(token);
                    if (municipality == null) {
                        return chain.filter(exchange);
                    }
                    return limiter.isAllowed("municipality", "municipality:" + municipality).flatMap(town -> town.isAllowed()
                            ? chain.filter(exchange) : refuse(exchange, "на муниципалитет", settings.municipality()));
                }))
                .switchIfEmpty(Mono.defer(() -> chain.filter(exchange)));
    }

    /** The token's one organization (the municipality's alias); none for platform personas. */
    private static String municipality(OAuth2AuthenticationToken token) {
        Object claim = token.getPrincipal().getAttributes().get("organization");
        if (claim instanceof Collection<?> list && list.size() == 1) {
            return String.valueOf(list.iterator().next());
        }
        if (claim instanceof java.util.Map<?, ?> map && map.size() == 1) {
            return String.valueOf(map.keySet().iterator().next());
        }
        return null;
    }

    private static Mono<Void> refuse(ServerWebExchange exchange, String whose, Limit limit) {
        exchange.getResponse().getHeaders().set("Retry-After", "1");
        return ProblemResponses.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "Слишком много запросов",
                "Превышен предел " + whose + ": " + limit.perSecond() + " запросов в секунду (кратковременно до " + limit.burst()
                        + "); повторите через секунду");
    }

    /** After the tenant headers are stripped, before anything is sent on. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
