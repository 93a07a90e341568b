package ru.mcu.core.tenant;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Codes to the names the municipality's template gives them, for every table analytics, forecasts and roadmaps show (the first name wins). */
public final class Names {
    private Names() {
    }

    public static Map<String, String> channels(TenantConfiguration config) {
        return of(config.channels().values().stream().map(c -> Map.entry(c.code(), c.name())));
    }

    public static Map<String, String> blocks(TenantConfiguration config) {
        return of(config.namedBlocks().stream().map(b -> Map.entry(b.code(), b.name())));
    }

    /** Blocks and their categories (a block is itself a category). */
    public static Map<String, String> categories(TenantConfiguration config) {
        return of(config.namedBlocks().stream().flatMap(b -> Stream.concat(Stream.of(Map.entry(b.code(), b.name())),
                b.categories().stream().map(c -> Map.entry(c.code(), c.name())))));
    }

    public static Map<String, String> recipients(TenantConfiguration config) {
        return of(config.namedBlocks().stream().flatMap(b -> b.recipients().stream()).map(r -> Map.entry(r.code(), r.name())));
    }

    public static Map<String, String> territories(TenantConfiguration config) {
        return of(config.namedTerritories().stream().map(t -> Map.entry(t.code(), t.name())));
    }

    private static Map<String, String> of(Stream<Map.Entry<String, String>> entries) {
        Map<String, String> names = new HashMap<>();
        entries.forEach(e -> names.putIfAbsent(e.getKey(), e.getValue()));
        return names;
    }
}
