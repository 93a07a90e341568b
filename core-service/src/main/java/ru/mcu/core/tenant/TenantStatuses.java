package ru.mcu.core.tenant;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;

import tools.jackson.databind.ObjectMapper;

/**
 * Each municipality's status as tenant-service published it (Redis key {@code mcu:tenant:<slug>}),
 * cached here and dropped when tenant-service announces a change on {@code mcu:tenant-changed}.
 */
@Component
public class TenantStatuses {
    static final String CHANNEL = "mcu:tenant-changed";

    private final StringRedisTemplate redis;
    private final ObjectMapper json;
    /** Kept briefly even without a change notice, in case one was lost while reconnecting. */
    private static final long TTL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);

    private record Cached(Optional<String> status, long at) {
    }

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    TenantStatuses(StringRedisTemplate redis, ObjectMapper json) {
        this.redis = redis;
        this.json = json;
    }

    /** ACTIVE, SUSPENDED…; empty when tenant-service has published nothing for it. */
    public Optional<String> status(String slug) {
        long now = System.nanoTime();
        return cache.compute(slug, (s, cached) -> cached != null && now - cached.at() < TTL_NANOS ? cached
                : new Cached(Optional.ofNullable(redis.opsForValue().get("mcu:tenant:" + s))
                        .map(value -> json.readTree(value).path("status").asString()), now)).status();
    }

    void forget(String slug) {
        cache.remove(slug);
    }

    @Configuration(proxyBeanMethods = false)
    static class Invalidation {
        @Bean
        RedisMessageListenerContainer tenantChanges(RedisConnectionFactory connections, TenantStatuses statuses) {
            RedisMessageListenerContainer container = new RedisMessageListenerContainer();
            container.setConnectionFactory(connections);
            container.addMessageListener((message, pattern) -> statuses.forget(new String(message.getBody(),
                    java.nio.charset.StandardCharsets.UTF_8)), new ChannelTopic(CHANNEL));
            return container;
        }
    }
}
