package ru.mcu.tenant.onboarding;

import java.util.Map;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.databind.ObjectMapper;

/**
 * Publishes a municipality's configuration and status for core-service: the current version is
 * kept in Redis under {@code mcu:tenant:<slug>}, and a message on {@code mcu:tenant-changed}
 * tells every instance to drop what it cached.
 */
@Component
class ConfigurationPublisher {
    static final String CHANNEL = "mcu:tenant-changed";

    private final StringRedisTemplate redis;
    private final ObjectMapper json;

    ConfigurationPublisher(StringRedisTemplate redis, ObjectMapper json) {
        this.redis = redis;
        this.json = json;
    }

    static String key(String slug) {
        return "mcu:tenant:" + slug;
    }

    void publish(String slug, String status, int version, String configJson) {
        redis.opsForValue().set(key(slug), json.writeValueAsString(Map.of("slug", slug, "status", status, "version", version,
                "configuration", json.readTree(configJson))));
        redis.convertAndSend(CHANNEL, slug);
    }

    /** Always writes the status, even if the key was lost (a Redis restart): core-service refuses what it cannot see. */
    void publishStatus(String slug, String status) {
        String current = redis.opsForValue().get(key(slug));
        var node = current != null ? (tools.jackson.databind.node.ObjectNode) json.readTree(current) : json.createObjectNode().put("slug", slug);
        node.put("status", status);
        redis.opsForValue().set(key(slug), json.writeValueAsString(node));
        redis.convertAndSend(CHANNEL, slug);
    }
}
