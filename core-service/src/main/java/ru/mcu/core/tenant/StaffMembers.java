package ru.mcu.core.tenant;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.databind.ObjectMapper;

import ru.mcu.platform.publication.PublishedMunicipality;

/**
 * A municipality's staff as tenant-service publishes it ({@link PublishedMunicipality.StaffEntry}
 * per login: roles there and whether the membership is active), cached briefly and dropped on its
 * change notice. Steps check against it whom they name as executor.
 */
@Component
public class StaffMembers {
    private static final long TTL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);

    /** A member of staff: their roles in the municipality, and whether they still work there. */
    public record Member(String username, List<String> roles, boolean active, String name) {
        /** The name to show: the person's, or their login when the staff list gives none. */
        public String shownName() {
            return name == null || name.isBlank() ? username : name;
        }
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
        return Optional.ofNullable(members(slug).get(username));
    }

    /** Everyone on the municipality's staff list, by username. */
    public Map<String, Member> members(String slug) {
        long now = System.nanoTime();
        return cache.compute(slug, (s, old) -> old != null && now - old.at() < TTL_NANOS ? old : new Cached(read(s), now)).members();
    }

    private Map<String, Member> read(String slug) {
        Map<String, Member> members = new HashMap<>();
        redis.<String, String>opsForHash().entries(PublishedMunicipality.staffKey(slug)).forEach((username, value) -> {
            PublishedMunicipality.StaffEntry entry = PublishedMunicipality.StaffEntry.fromJson(json, value);
            members.put(username, new Member(username, entry.roles(), entry.active(), entry.name()));
        });
        return Map.copyOf(members);
    }

    void forget(String slug) {
        cache.remove(slug);
    }
}
