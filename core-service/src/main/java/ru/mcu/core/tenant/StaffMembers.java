package ru.mcu.core.tenant;

import java.util.HashMap;
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

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A municipality's staff as tenant-service publishes it (Redis hash {@code mcu:staff:<slug>}:
 * username → roles there and whether the membership is active), cached briefly and dropped on
 * {@code mcu:staff-changed}. Steps check against it whom they name as executor.
 */
@Component
public class StaffMembers {
    static final String CHANNEL = "mcu:staff-changed";
    private static final long TTL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);

    /** A member of staff: their roles in the municipality, and whether they still work there. */
    public record Member(String username, List<String> roles, boolean active, String name) {
    }

    private record Cached(Map<String, Member> members, long at) {
    }

    private final StringRedisTemplate redis;
    private final ObjectMapper json;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    StaffMembers(StringRedisTemplate redis, ObjectMapper json) {
        this.redis = redis;
        this.json = json;
    }

    public Optional<Member> member(String slug, String username) {
        long now = System.nanoTime();
        Cached cached = cache.compute(slug, (s, old) -> old != null && now - old.at() < TTL_NANOS ? old : new Cached(read(s), now));
        return Optional.ofNullable(cached.members().get(username));
    }

    private Map<String, Member> read(String slug) {
        Map<String, Member> members = new HashMap<>();
        redis.<String, String>opsForHash().entries("mcu:staff:" + slug).forEach((username, value) -> {
            JsonNode node = json.readTree(value);
            List<String> roles = node.path("roles").valueStream().map(JsonNode::asString).toList();
            members.put(username, new Member(username, roles, node.path("active").asBoolean(false), node.path("name").asString("")));
        });
        return members;
    }

    void forget(String slug) {
        cache.remove(slug);
    }

    @Configuration(proxyBeanMethods = false)
    static class Invalidation {
        @Bean
        RedisMessageListenerContainer staffChanges(RedisConnectionFactory connections, StaffMembers staff) {
            RedisMessageListenerContainer container = new RedisMessageListenerContainer();
            container.setConnectionFactory(connections);
            container.addMessageListener((message, pattern) -> staff.forget(new String(message.getBody(),
                    java.nio.charset.StandardCharsets.UTF_8)), new ChannelTopic(CHANNEL));
            return container;
        }
    }
}
