package ru.mcu.tenant.onboarding;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.databind.ObjectMapper;

import ru.mcu.platform.publication.PublishedMunicipality;

/**
 * Publishes a municipality's configuration and status for core-service, as {@link PublishedMunicipality}
 * (the one type both services use): the current version in Redis, and a change notice that tells
 * every instance to drop what it cached.
 */
@Component
class ConfigurationPublisher {
    private final StringRedisTemplate redis;
    private final ObjectMapper json;

    ConfigurationPublisher(StringRedisTemplate redis, ObjectMapper json) {
        this.redis = redis;
        this.json = json;
    }

    void publish(String slug, String status, int version, String configJson) {
        write(new PublishedMunicipality(slug, status, version, json.readTree(configJson)));
    }

    /** Always writes the status, even if the key was lost (a Redis restart): core-service refuses what it cannot see. */
    void publishStatus(String slug, String status) {
        String current = redis.opsForValue().get(PublishedMunicipality.key(slug));
        write(current != null ? PublishedMunicipality.fromJson(json, current).withStatus(status) : new PublishedMunicipality(slug, status, 0, null));
    }

    private void write(PublishedMunicipality published) {
        redis.opsForValue().set(PublishedMunicipality.key(published.slug()), published.toJson(json));
        redis.convertAndSend(PublishedMunicipality.CHANGED, published.slug());
    }
}
