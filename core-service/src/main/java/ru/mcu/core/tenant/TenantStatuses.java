package ru.mcu.core.tenant;

import ru.mcu.platform.publication.PublishedMunicipality;

import java.util.List;
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
 * {@link PublishedMunicipality}), cached here and dropped when tenant-service announces a change.
 */
@Component
public class TenantStatuses {

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

    /**
     * The configurations of many municipalities at once (the region's view names thousands): those not
     * fresh here are read from Redis in one round trip, not one each.
     */
    public Map<String, TenantConfiguration> configurations(java.util.Collection<String> slugs) {
        long now = System.nanoTime();
        List<String> stale = slugs.stream().distinct().filter(slug -> {
            Cached cached = cache.get(slug);
            return cached == null || now - cached.at() >= TTL_NANOS;
        }).toList();
        if (!stale.isEmpty()) {
            List<String> values = redis.opsForValue().multiGet(stale.stream().map(PublishedMunicipality::key).toList());
            for (int i = 0; i < stale.size(); i++) {
                cache.put(stale.get(i), parsed(stale.get(i), values == null ? null : values.get(i), now));
            }
        }
        Map<String, TenantConfiguration> found = new java.util.HashMap<>();
        for (String slug : slugs) {
            Cached cached = cache.get(slug);
            if (cached != null) {
                cached.configuration().ifPresent(config -> found.put(slug, config));
            }
        }
        return found;
    }

    /** The configuration of the caller's municipality; refusing when tenant-service has published none. */
    public TenantConfiguration current() {
        String tenant = ru.mcu.platform.tenancy.CurrentTenant.required();
        return configuration(tenant).orElseThrow(() -> new NotConfiguredException(tenant));
    }

    /** Municipalities that have a configuration here now (for the schedulers, which act for each in turn). */
    public java.util.List<String> known() {
        java.util.List<String> slugs = new java.util.ArrayList<>();
        try (var keys = redis.scan(org.springframework.data.redis.core.ScanOptions.scanOptions().match(PublishedMunicipality.keyPattern())
                .count(500).build())) {
            keys.forEachRemaining(key -> slugs.add(PublishedMunicipality.slugOf(key)));
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
        return parsed(slug, redis.opsForValue().get(PublishedMunicipality.key(slug)), now);
    }

    private Cached parsed(String slug, String value, long now) {
        if (value == null) {
            return new Cached(Optional.empty(), Optional.empty(), now);
        }
        PublishedMunicipality published = PublishedMunicipality.fromJson(json, value);
        Optional<TenantConfiguration> configuration = Optional.ofNullable(published.configuration())
                .map(tree -> TenantConfiguration.of(slug, published.version(), tree));
        return new Cached(Optional.of(published.status()), configuration, now);
    }

    void forget(String slug) {
        cache.remove(slug);
    }

    /** One listener for tenant-service's change notices: a configuration or status, and a staff list. */
    @Configuration(proxyBeanMethods = false)
    static class Invalidation {
        @Bean
        RedisMessageListenerContainer changeNotices(RedisConnectionFactory connections, TenantStatuses statuses, StaffMembers staff) {
            RedisMessageListenerContainer container = new RedisMessageListenerContainer();
            container.setConnectionFactory(connections);
            container.addMessageListener((message, pattern) -> statuses.forget(slug(message)), new ChannelTopic(PublishedMunicipality.CHANGED));
            container.addMessageListener((message, pattern) -> staff.forget(slug(message)),
                    new ChannelTopic(PublishedMunicipality.StaffEntry.STAFF_CHANGED));
            return container;
        }

        private static String slug(org.springframework.data.redis.connection.Message message) {
            return new String(message.getBody(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
