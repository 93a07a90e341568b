package ru.mcu.tenant.onboarding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

/**
 * What re-applying a template would change, part by part: items are matched by their code
 * (deadline policies by channel and kind), so a block whose name changes but whose code stays is
 * the same block, and everything filed under it stays filed under it.
 */
public record ConfigurationDiff(Map<String, Part> parts) {
    /** One part of the configuration (roles, blocks…): what is added, removed, and changed (with the fields). */
    public record Part(List<String> added, List<String> removed, Map<String, List<String>> changed) {
        boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
        }
    }

    private static final Map<String, Function<JsonNode, String>> KEYED = keys();

    private static Map<String, Function<JsonNode, String>> keys() {
        Map<String, Function<JsonNode, String>> keys = new LinkedHashMap<>();
        for (String part : List.of("roles", "blocks", "channels", "regulations", "ratings", "reports")) {
            keys.put(part, item -> item.path("code").asString());
        }
        keys.put("deadlinePolicies", item -> item.path("channel").asString() + "/" + item.path("kind").asString());
        return keys;
    }

    static ConfigurationDiff between(JsonNode current, JsonNode next) {
        Map<String, Part> parts = new LinkedHashMap<>();
        KEYED.forEach((name, key) -> {
            Part part = compare(current.path(name), next.path(name), key);
            if (!part.isEmpty()) {
                parts.put(name, part);
            }
        });
        for (String single : List.of("meetings", "calendar")) {
            if (!current.path(single).equals(next.path(single))) {
                parts.put(single, new Part(List.of(), List.of(), Map.of(single, fields(current.path(single), next.path(single)))));
            }
        }
        return new ConfigurationDiff(parts);
    }

    boolean isEmpty() {
        return parts.isEmpty();
    }

    List<String> removed(String part) {
        return parts.containsKey(part) ? parts.get(part).removed() : List.of();
    }

    private static Part compare(JsonNode current, JsonNode next, Function<JsonNode, String> key) {
        Map<String, JsonNode> before = index(current, key);
        Map<String, JsonNode> after = index(next, key);
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        Map<String, List<String>> changed = new LinkedHashMap<>();
        after.forEach((code, item) -> {
            if (!before.containsKey(code)) {
                added.add(code);
            } else if (!before.get(code).equals(item)) {
                changed.put(code, fields(before.get(code), item));
            }
        });
        before.keySet().stream().filter(code -> !after.containsKey(code)).forEach(removed::add);
        return new Part(added, removed, changed);
    }

    private static Map<String, JsonNode> index(JsonNode list, Function<JsonNode, String> key) {
        Map<String, JsonNode> index = new LinkedHashMap<>();
        list.forEach(item -> index.put(key.apply(item), item));
        return index;
    }

    /** The top-level fields of an item that differ. */
    private static List<String> fields(JsonNode before, JsonNode after) {
        List<String> fields = new ArrayList<>();
        after.propertyNames().forEach(field -> {
            if (!after.path(field).equals(before.path(field))) {
                fields.add(field);
            }
        });
        before.propertyNames().forEach(field -> {
            if (!after.has(field) && !fields.contains(field)) {
                fields.add(field);
            }
        });
        return fields;
    }
}
