package ru.mcu.tenant.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A rule a template takes from somewhere other than its own act: a platform default where the act
 * is silent, or another act (Tashtagol's regulation lends its procedures). The operator sees them
 * all before onboarding, so nothing reaches a municipality as if its own act had said it.
 */
public record Borrowing(String path, String basis, String seed, String point) {
    /** Every source in the template that is not its own act's (or every source at all, for the checks). */
    static List<Borrowing> all(JsonNode root, boolean everySource) {
        List<Borrowing> found = new ArrayList<>();
        walk(root, "", found, everySource);
        return found;
    }

    public static List<Borrowing> of(JsonNode root) {
        return all(root, false);
    }

    private static void walk(JsonNode node, String at, List<Borrowing> found, boolean everySource) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), at + "/" + i, found, everySource);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String path = at + "/" + field.getKey();
            JsonNode value = field.getValue();
            if ((field.getKey().equals("source") || field.getKey().equals("regulationSource")) && value.isObject() && value.has("point")) {
                String basis = value.path("basis").asText("act");
                if (everySource || !"act".equals(basis)) {
                    found.add(new Borrowing(path, basis, value.path("seed").asText(""), value.path("point").asText()));
                }
            } else {
                walk(value, path, found, everySource);
            }
        }
    }
}
