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
 * Each municipality's status and configuration as tenant-service published them (Redis key
 * {@code mcu:tenant:<slug>}), cached here and dropped when tenant-service announces a change on
 * {@code mcu:tenant-changed}.
 */
@Component
public class TenantStatuses {
    static final String CHANNEL = "mcu:tenant-changed";

    private final StringRedisTemplate redis;
    private final ObjectMapper json;
    /** Kept briefly even without a change notice, in case one was lost while reconnecting. */
    private static final long TTL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);

    private record Cached(Optional<String> status, Optional<TenantConfiguration> configuration, long at) {
    }

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    TenantStatuses(StringRedisTemplate redis, ObjectMapper json) {
        this.redis = redis;
        this.json = json;
    }

    /** ACTIVE, SUSPENDED…; empty when tenant-service has published nothing for it. */
    public Optional<String> status(String slug) {
        return cached(slug).status();
    }

    /** The configuration in force; empty when none was published (the municipality cannot take messages yet). */
    public Optional<TenantConfiguration> configuration(String slug) {
        return cached(slug).configuration();
    }

    /** The configuration of the caller's municipality; refusing when tenant-service has published none. */
    public TenantConfiguration current() {
        String tenant = ru.mcu.platform.tenancy.CurrentTenant.required();
        return configuration(tenant).orElseThrow(() -> new NotConfiguredException(tenant));
    }

    /** Municipalities that have a configuration here now (for the schedulers, which act for each in turn). */
    public java.util.List<String> known() {
        java.util.List<String> slugs = new java.util.ArrayList<>();
        try (var keys = redis.scan(org.springframework.data.redis.core.ScanOptions.scanOptions().match("mcu:tenant:*").count(500).build())) {
            keys.forEachRemaining(key -> slugs.add(key.substring("mcu:tenant:".length())));
        }
        return slugs;
    }

    public static class NotConfiguredException extends RuntimeException {
        NotConfiguredException(String tenant) {
            super("Конфигурация муниципалитета «" + tenant + "» не опубликована: сообщения принимать нельзя");
        }
    }

    private Cached cached(String slug) {
        long now = System.nanoTime();
        return cache.compute(slug, (s, cached) -> cached != null && now - cached.at() < TTL_NANOS ? cached : read(s, now));
    }

    private Cached read(String slug, long now) {
        String value = redis.opsForValue().get("mcu:tenant:" + slug);
        if (value == null) {
            return new Cached(Optional.empty(), Optional.empty(), now);
        }
        tools.jackson.databind.JsonNode published = json.readTree(value);
        Optional<TenantConfiguration> configuration = published.path("configuration").isObject()
                ? Optional.of(TenantConfiguration.of(slug, published.path("version").asInt(0), published.path("configuration")))
                : Optional.empty();
        return new Cached(Optional.of(published.path("status").asString()), configuration, now);
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
