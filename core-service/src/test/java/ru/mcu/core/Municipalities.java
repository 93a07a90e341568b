package ru.mcu.core;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import tools.jackson.databind.ObjectMapper;

import ru.mcu.platform.publication.PublishedMunicipality;

/**
 * Test fixtures: a shipped template published as tenant-service publishes it (Redis key
 * {@code mcu:tenant:<slug>}, status ACTIVE), and tokens shaped like Keycloak's for its staff and connectors.
 */
public final class Municipalities {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Municipalities() {
    }

    /** Publishes config-templates/municipalities/{template}.yaml as the configuration of municipality {slug}. */
    public static void publish(StringRedisTemplate redis, String template, String slug) {
        publish(redis, template, slug, "ACTIVE");
    }

    public static void publish(StringRedisTemplate redis, String template, String slug, String status) {
        publish(redis, template, slug, status, (String) null);
    }

    /** The same, as if the municipality were in another region (so regional calendar days of a test touch no other test). */
    @SuppressWarnings("unchecked")
    public static void publish(StringRedisTemplate redis, String template, String slug, String status, String region) {
        publish(redis, template, slug, status, tree -> {
            if (region != null) {
                ((Map<String, Object>) ((Map<String, Object>) tree.get("profile")).get("region")).put("code", region);
            }
        });
    }

    /** A shipped template, changed by {@code edit} as an operator would change it before applying it. */
    public static void publish(StringRedisTemplate redis, String template, String slug, String status,
                               java.util.function.Consumer<Map<String, Object>> edit) {
        try (InputStream in = Municipalities.class.getClassLoader().getResourceAsStream("config-templates/municipalities/" + template + ".yaml")) {
            Map<String, Object> tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            edit.accept(tree);
            // Written as tenant-service writes it: the one published type both services share.
            redis.opsForValue().set(PublishedMunicipality.key(slug), new PublishedMunicipality(slug, status, 1, JSON.valueToTree(tree)).toJson(JSON));
            redis.convertAndSend(PublishedMunicipality.CHANGED, slug);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String imMessage(org.springframework.test.web.servlet.MockMvc mvc, String slug, java.time.Instant received, String text)
            throws Exception {
        String body = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/intake/messages")
                        .with(connector(slug, "im")).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(Map.of("channel", "im", "externalId", java.util.UUID.randomUUID().toString(),
                                "receivedAt", received.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), "text", text))))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isCreated())
                .andReturn().getResponse().getContentAsString();
        return com.jayway.jsonpath.JsonPath.read(body, "$.id");
    }

    /**
     * Publishes the municipality's staff as tenant-service does ({@code mcu:staff:<slug>}): each entry
     * «username=role,role» an active member with those roles, «username!» a deactivated one.
     */
    public static void publishStaff(StringRedisTemplate redis, String slug, String... members) {
        for (String entry : members) {
            boolean inactive = entry.endsWith("!");
            String[] parts = (inactive ? entry.substring(0, entry.length() - 1) : entry).split("=", 2);
            List<String> roles = parts.length > 1 && !parts[1].isBlank() ? List.of(parts[1].split(",")) : List.of();
            redis.opsForHash().put(PublishedMunicipality.staffKey(slug), parts[0],
                    new PublishedMunicipality.StaffEntry(roles, !inactive, parts[0]).toJson(JSON));
        }
        redis.convertAndSend(PublishedMunicipality.StaffEntry.STAFF_CHANGED, slug);
    }

    /** The two municipalities of the plumbing tests, alpha-town (Tashtagol's template) and beta-city (Barnaul's). */
    public static void publishAlphaAndBeta(StringRedisTemplate redis) {
        publish(redis, "tashtagol", "alpha-town");
        publish(redis, "barnaul", "beta-city");
    }

    /** The body of a streamed response (an export), once it has been written. */
    public static String streamed(org.springframework.test.web.servlet.MockMvc mvc,
                                  org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        var started = mvc.perform(request).andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.request().asyncStarted())
                .andReturn();
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch(started))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    /** A member of staff of one municipality with municipal roles (claim mcu_roles). */
    public static RequestPostProcessor staff(String slug, String username, String... roles) {
        return staffToken(slug, username, Map.of(), roles);
    }

    /** The same, with the verified e-mail address Keycloak puts in the token. */
    public static RequestPostProcessor staffWithEmail(String slug, String username, String email, String... roles) {
        return staffToken(slug, username, Map.of("email", email, "email_verified", true), roles);
    }

    private static RequestPostProcessor staffToken(String slug, String username, Map<String, Object> claims, String... roles) {
        return SecurityMockMvcRequestPostProcessors.jwt().jwt(token -> token.claim("preferred_username", username)
                .claim("organization", List.of(slug))
                .claim("mcu_roles", java.util.Arrays.stream(roles).map(role -> ru.mcu.platform.tenancy.PlatformToken.membershipRole(slug, role)).toList())
                .claim("realm_access", Map.of("roles", List.of("municipal-employee")))
                .claims(all -> all.putAll(claims)))
                .authorities(new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_municipal-employee"));
    }

    /** A channel connector of one municipality (its own client credentials), allowed the listed channels. */
    public static RequestPostProcessor connector(String slug, String... channels) {
        return SecurityMockMvcRequestPostProcessors.jwt().jwt(token -> token.claim("azp", slug + "-connector")
                .claim("organization", List.of(slug))
                .claim("mcu_channels", List.of(channels))
                .claim("realm_access", Map.of("roles", List.of("channel-connector"))))
                .authorities(new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_channel-connector"));
    }

    /** A regional ЦУР analyst's token: no municipality, the regions of their account in {@code mcu_regions} (none: an empty claim is left out). */
    public static RequestPostProcessor regionalAnalyst(String... regions) {
        return org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt().jwt(token -> {
                    token.claim("preferred_username", "analitik").claim("realm_access", Map.of("roles", List.of("regional-analyst")));
                    if (regions.length > 0) {
                        token.claim("mcu_regions", List.of(regions));
                    }
                })
                .authorities(new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_regional-analyst"));
    }

    /** The regional operator's token: no municipality, no region (they onboard and keep every municipality). */
    public static RequestPostProcessor regionalOperator() {
        return org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt()
                .jwt(token -> token.claim("preferred_username", "operator").claim("realm_access", Map.of("roles", List.of("regional-operator"))))
                .authorities(new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_regional-operator"));
    }

    /** A federal methodologist's token: every region, no municipality. */
    public static RequestPostProcessor federalMethodologist() {
        return org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt()
                .jwt(token -> token.claim("preferred_username", "metodolog").claim("realm_access", Map.of("roles", List.of("federal-methodologist"))))
                .authorities(new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_federal-methodologist"));
    }

    /**
     * Waits until analytics has counted every message these municipalities took in: intake queues them
     * (analytics_outbox) and the worker folds them in moments after, as in production.
     */
    public static void analyticsCaughtUp(org.springframework.jdbc.core.JdbcTemplate jdbc, org.springframework.transaction.support.TransactionTemplate tx,
                                         String... tenants) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).pollInterval(java.time.Duration.ofMillis(50)).until(() -> {
            for (String tenant : tenants) {
                Long queued = ru.mcu.platform.tenancy.CurrentTenant.call(tenant, () -> tx.execute(status ->
                        jdbc.queryForObject("select count(*) from analytics_outbox", Long.class)));
                if (queued == null || queued > 0) {
                    return false;
                }
            }
            return true;
        });
    }
}
