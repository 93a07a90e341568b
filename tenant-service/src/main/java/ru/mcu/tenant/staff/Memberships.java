package ru.mcu.tenant.staff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.beans.factory.annotation.Value;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Service;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import ru.mcu.platform.publication.PublishedMunicipality;
import ru.mcu.platform.tenancy.PlatformToken;
import ru.mcu.tenant.keycloak.KeycloakAdminApi;

/**
 * A municipality's staff as its administrator manages them: people are Keycloak users, members of
 * the municipality's organization; their roles there are values «municipality:role» of the user
 * attribute {@code mcu_roles}, so each membership has its own; a deactivated membership keeps the
 * person listed (attribute {@code mcu_inactive}) with no roles. After every change the staff list
 * is published to Redis ({@code mcu:staff:<slug>}) for core-service, which checks executors against it.
 * <p>The list the staff screen shows is the one last read from Keycloak (reading it costs Keycloak a
 * member search per screen): every change made here, and every reconciliation, reads it anew; a
 * change notice from another instance drops it; it is never older than {@code mcu.staff.list-fresh-for}.
 */
@Service
public class Memberships {
    public static final String ROLES = "mcu_roles";
    public static final String INACTIVE = "mcu_inactive";

    /** A person of the municipality's staff. */
    public record Member(String id, String username, String email, String firstName, String lastName, List<String> roles, boolean active) {
    }

    /** A person added: with the one-time password when the account was made now. */
    public record Added(Member member, String temporaryPassword, boolean created) {
    }

    private record Read(List<Member> members, Instant at) {
    }

    private final KeycloakAdminApi keycloak;
    private final StringRedisTemplate redis;
    private final ObjectMapper json;
    private final Duration freshFor;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Read> lastRead = new ConcurrentHashMap<>();

    Memberships(KeycloakAdminApi keycloak, StringRedisTemplate redis, ObjectMapper json,
                @Value("${mcu.staff.list-fresh-for:PT60S}") Duration freshFor) {
        this.keycloak = keycloak;
        this.redis = redis;
        this.json = json;
        this.freshFor = freshFor;
    }

    /** The municipality's staff, by login. */
    public List<Member> list(String slug) {
        Read read = lastRead.get(slug);
        if (read != null && read.at().plus(freshFor).isAfter(clock.instant())) {
            return read.members();
        }
        return readFromKeycloak(slug);
    }

    /** Drops the list last read (another instance changed the staff). */
    public void forget(String slug) {
        lastRead.remove(slug);
    }

    private List<Member> readFromKeycloak(String slug) {
        Instant at = clock.instant();
        String organization = organization(slug);
        List<Member> members = new ArrayList<>();
        keycloak.get("/organizations/" + organization + "/members?first=0&max=100000&briefRepresentation=false")
                .forEach(user -> members.add(member(slug, user)));
        members.sort(java.util.Comparator.comparing(Member::username));
        List<Member> read = List.copyOf(members);
        lastRead.put(slug, new Read(read, at));
        return read;
    }

    public Optional<Member> find(String slug, String userId) {
        if (!userId.matches("[0-9a-fA-F-]{8,64}") || !keycloak.organizationsOf(userId).contains(slug)) {
            return Optional.empty();
        }
        return Optional.of(member(slug, keycloak.user(userId)));
    }

    /**
     * Adds a person to the municipality: an existing account (found by e-mail, perhaps of another
     * municipality) joins it, keeping its other memberships; otherwise an account is made with a
     * temporary password that must be changed at first login.
     */
    public Added add(String slug, String email, String firstName, String lastName, List<String> roles) {
        String organization = organization(slug);
        Optional<JsonNode> existing = keycloak.userByUsernameOrEmail(email);
        String password = null;
        String id;
        if (existing.isPresent()) {
            id = existing.get().path("id").asString();
        } else {
            KeycloakAdminApi.NewAccount account = keycloak.createAccount(email, firstName, lastName);
            id = account.id();
            password = account.temporaryPassword();
        }
        keycloak.enrol(organization, id);
        Member member = member(slug, write(slug, id, roles, true));
        publish(slug);
        return new Added(member, password, existing.isEmpty());
    }

    public Member setRoles(String slug, String userId, List<String> roles) {
        Member member = member(slug, write(slug, userId, roles, null));
        publish(slug);
        return member;
    }

    /**
     * Deactivates the membership: no roles in this municipality, listed as inactive. A person with
     * no other active membership is disabled in Keycloak too, and their sessions end.
     */
    public Member setActive(String slug, String userId, boolean active) {
        ObjectNode user = write(slug, userId, active ? null : List.of(), active);
        Member member = member(slug, user);
        List<String> inactive = attribute(user, INACTIVE);
        List<String> organizations = keycloak.organizationsOf(userId);
        boolean activeElsewhere = organizations.stream().anyMatch(other -> !other.equals(slug) && !inactive.contains(other));
        if (!active && !activeElsewhere) {
            keycloak.setUserEnabled(userId, false);
        } else if (active) {
            keycloak.setUserEnabled(userId, true);
        }
        // Whether the account is enabled shows in each of the person's municipalities.
        organizations.forEach(this::forget);
        publish(slug);
        return new Member(member.id(), member.username(), member.email(), member.firstName(), member.lastName(), member.roles(), active);
    }

    /** Replaces this municipality's roles (when given) and its inactive mark (when given), leaving other memberships alone; returns the user as written. */
    private ObjectNode write(String slug, String userId, List<String> roles, Boolean active) {
        ObjectNode user = keycloak.user(userId);
        ObjectNode attributes = user.has("attributes") && user.get("attributes").isObject()
                ? (ObjectNode) user.get("attributes") : user.putObject("attributes");
        if (roles != null) {
            String prefix = slug + ":";
            List<String> kept = new ArrayList<>(attribute(user, ROLES).stream().filter(v -> !v.startsWith(prefix)).toList());
            roles.stream().distinct().forEach(role -> kept.add(PlatformToken.membershipRole(slug, role)));
            ArrayNode values = attributes.putArray(ROLES);
            kept.forEach(values::add);
        }
        if (active != null) {
            List<String> inactive = new ArrayList<>(attribute(user, INACTIVE).stream().filter(v -> !v.equals(slug)).toList());
            if (!active) {
                inactive.add(slug);
            }
            ArrayNode values = attributes.putArray(INACTIVE);
            inactive.forEach(values::add);
        }
        keycloak.updateUser(userId, user);
        return user;
    }

    /** The staff list core-service reads: login → roles here and whether the membership is active. */
    public void publish(String slug) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (Member member : readFromKeycloak(slug)) {
            entries.put(member.username(), new PublishedMunicipality.StaffEntry(member.roles(), member.active(),
                    (member.firstName() + " " + member.lastName()).strip()).toJson(json));
        }
        String key = PublishedMunicipality.staffKey(slug);
        if (redis.<String, String>opsForHash().entries(key).equals(entries)) {
            return;
        }
        redis.delete(key);
        if (!entries.isEmpty()) {
            redis.opsForHash().putAll(key, entries);
        }
        redis.convertAndSend(PublishedMunicipality.StaffEntry.STAFF_CHANGED, slug);
    }

    private Member member(String slug, JsonNode user) {
        String prefix = slug + ":";
        List<String> roles = attribute(user, ROLES).stream().filter(v -> v.startsWith(prefix)).map(v -> v.substring(prefix.length())).toList();
        boolean active = user.path("enabled").asBoolean(true) && !attribute(user, INACTIVE).contains(slug);
        return new Member(user.path("id").asString(), user.path("username").asString(), user.path("email").asString(null),
                user.path("firstName").asString(""), user.path("lastName").asString(""), roles, active);
    }

    private static List<String> attribute(JsonNode user, String name) {
        List<String> values = new ArrayList<>();
        user.path("attributes").path(name).forEach(v -> values.add(v.asString()));
        return values;
    }

    private String organization(String slug) {
        return keycloak.organizationId(slug).orElseThrow(() -> new KeycloakAdminApi.DirectoryException(
                "У муниципалитета «" + slug + "» нет организации в Keycloak"));
    }

}
