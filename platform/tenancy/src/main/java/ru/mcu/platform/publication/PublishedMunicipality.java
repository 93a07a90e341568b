package ru.mcu.platform.publication;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What tenant-service publishes of a municipality for core-service, and core-service reads: its
 * status, its configuration version and the configuration itself (the template's tree), kept in
 * Redis under {@link #key}; a message on {@link #CHANGED} tells every instance to drop its copy. One
 * type on both sides, so the writer and the reader cannot drift apart.
 */
public record PublishedMunicipality(String slug, String status, int version, JsonNode configuration) {
    public static final String CHANGED = "mcu:tenant-changed";
    private static final String PREFIX = "mcu:tenant:";

    public static String key(String slug) {
        return PREFIX + slug;
    }

    /** The slug a key names, for a scan of every published municipality. */
    public static String slugOf(String key) {
        return key.substring(PREFIX.length());
    }

    public static String keyPattern() {
        return PREFIX + "*";
    }

    public String toJson(ObjectMapper json) {
        ObjectNode node = json.createObjectNode().put("slug", slug).put("status", status).put("version", version);
        if (configuration != null) {
            node.set("configuration", configuration);
        }
        return json.writeValueAsString(node);
    }

    /** Reads what {@link #toJson} wrote; a document without a configuration (a status only) has none. */
    public static PublishedMunicipality fromJson(ObjectMapper json, String value) {
        JsonNode node = json.readTree(value);
        JsonNode configuration = node.path("configuration");
        return new PublishedMunicipality(node.path("slug").asString(), node.path("status").asString(), node.path("version").asInt(0),
                configuration.isObject() ? configuration : null);
    }

    public PublishedMunicipality withStatus(String newStatus) {
        return new PublishedMunicipality(slug, newStatus, version, configuration);
    }

    /**
     * One person of a municipality's staff as published (Redis hash {@link #staffKey}: login → this),
     * with a change notice on {@link #STAFF_CHANGED}.
     */
    public record StaffEntry(List<String> roles, boolean active, String name) {
        public static final String STAFF_CHANGED = "mcu:staff-changed";

        public String toJson(ObjectMapper json) {
            return json.writeValueAsString(Map.of("roles", roles, "active", active, "name", name == null ? "" : name));
        }

        public static StaffEntry fromJson(ObjectMapper json, String value) {
            JsonNode node = json.readTree(value);
            return new StaffEntry(node.path("roles").valueStream().map(JsonNode::asString).toList(), node.path("active").asBoolean(false),
                    node.path("name").asString(""));
        }
    }

    public static String staffKey(String slug) {
        return "mcu:staff:" + slug;
    }
}
