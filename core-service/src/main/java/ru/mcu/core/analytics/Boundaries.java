package ru.mcu.core.analytics;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;

import ru.mcu.core.shared.Refusal;
import ru.mcu.core.tenant.TenantConfiguration;
import ru.mcu.core.tenant.TenantStatuses;
import ru.mcu.platform.tenancy.CurrentTenant;

/**
 * The outlines of a region's municipalities, for the region's choropleth: the regional operator
 * replaces a region's at once with a GeoJSON FeatureCollection (RFC 7946) whose features name the
 * municipality in {@code properties.municipality}; the region's analysts read them through the
 * region's view (app.regions), as they read its counts. A file with any fault changes nothing.
 */
@Service
public class Boundaries {
    /** Enough for a district drawn from OpenStreetMap at full detail, not for a file given by mistake. */
    static final int MAX_POINTS = 1_000_000;

    /** A municipality of the region; {@code timeZone} is its own, in which its loading time is shown. */
    public record MunicipalityOutline(String slug, String name, String timeZone, boolean loaded, Instant loadedAt, String loadedBy) {
    }

    /** A region's municipalities on the platform and whether each has its outline. */
    public record RegionBoundaries(String region, List<MunicipalityOutline> municipalities) {
    }

    private final JdbcTemplate jdbc;
    private final TenantStatuses tenants;

    Boundaries(JdbcTemplate jdbc, TenantStatuses tenants) {
        this.jdbc = jdbc;
        this.tenants = tenants;
    }

    /** The region's municipalities on the platform, by name, and their outlines' state (the operator's view). */
    @Transactional(readOnly = true)
    public RegionBoundaries of(String region) {
        outsideAnyMunicipality();
        return of(region, municipalities(region));
    }

    private RegionBoundaries of(String region, Map<String, TenantConfiguration> municipalities) {
        jdbc.queryForObject("select set_config('app.boundaries_region', ?, true)", String.class, region);
        Map<String, MunicipalityOutline> loaded = new HashMap<>();
        jdbc.query("select tenant_id, loaded_at, loaded_by from municipality_boundary", rs -> {
            String slug = rs.getString("tenant_id");
            TenantConfiguration config = municipalities.get(slug);
            loaded.put(slug, new MunicipalityOutline(slug, config == null ? slug : config.name(), config == null ? "UTC" : config.zone().getId(), true,
                    rs.getTimestamp("loaded_at").toInstant(),
                    rs.getString("loaded_by")));
        });
        List<MunicipalityOutline> list = new ArrayList<>();
        municipalities.values().forEach(m -> list.add(loaded.getOrDefault(m.slug(), new MunicipalityOutline(m.slug(), m.name(), m.zone().getId(), false, null, null))));
        loaded.values().stream().filter(m -> !municipalities.containsKey(m.slug())).forEach(list::add);
        list.sort(java.util.Comparator.comparing(MunicipalityOutline::name).thenComparing(MunicipalityOutline::slug));
        return new RegionBoundaries(region, list);
    }

    /** Replaces the region's outlines by the collection's, all or nothing. */
    @Transactional
    public RegionBoundaries replace(String region, JsonNode collection, String by) {
        outsideAnyMunicipality();
        Map<String, TenantConfiguration> municipalities = municipalities(region);
        Map<String, JsonNode> outlines = read(collection, region, municipalities);
        jdbc.queryForObject("select set_config('app.boundaries_region', ?, true)", String.class, region);
        jdbc.update("delete from municipality_boundary");
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.batchUpdate("insert into municipality_boundary (region_code, tenant_id, geometry, loaded_at, loaded_by) values (?, ?, ?::jsonb, ?, ?)",
                outlines.entrySet().stream().map(e -> new Object[] {region, e.getKey(), e.getValue().toString(), now, by}).toList());
        return of(region, municipalities);
    }

    /**
     * The outlines of the regions the caller may see, as one GeoJSON FeatureCollection whose features
     * carry the municipality's code, name and region: made by the database, as it is sent.
     */
    @Transactional(readOnly = true)
    public String collection(java.util.Collection<String> regions) {
        outsideAnyMunicipality();
        jdbc.queryForObject("select set_config('app.regions', ?, true)", String.class, String.join(",", regions));
        List<String[]> rows = jdbc.query("select region_code, tenant_id from municipality_boundary order by region_code, tenant_id",
                (rs, n) -> new String[] {rs.getString(1), rs.getString(2)});
        Map<String, TenantConfiguration> configs = tenants.configurations(rows.stream().map(r -> r[1]).toList());
        String[] names = rows.stream().map(r -> configs.containsKey(r[1]) ? configs.get(r[1]).name() : r[1]).toArray(String[]::new);
        return jdbc.queryForObject("""
                select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object('type', 'Feature',
                         'properties', json_build_object('municipality', b.tenant_id, 'name', n.name, 'region', b.region_code),
                         'geometry', b.geometry) order by b.region_code, b.tenant_id), '[]'::json))::text
                from municipality_boundary b
                join unnest(?::text[], ?::text[]) as n(slug, name) on n.slug = b.tenant_id""", String.class,
                rows.stream().map(r -> r[1]).toArray(String[]::new), names);
    }

    private static void outsideAnyMunicipality() {
        if (CurrentTenant.get().isPresent()) {
            throw new IllegalStateException("Outlines are the region's, read and written outside any municipality");
        }
    }

    /** The platform's municipalities of the region, by code; none: the region is not on the platform. */
    private Map<String, TenantConfiguration> municipalities(String region) {
        Map<String, TenantConfiguration> found = new java.util.TreeMap<>();
        tenants.configurations(tenants.known()).forEach((slug, config) -> {
            if (region.equals(config.regionCode())) {
                found.put(slug, config);
            }
        });
        if (found.isEmpty()) {
            throw new Refusal(404, "region-not-found", "В регионе нет муниципалитетов", "Ни один муниципалитет платформы не относится к региону «"
                    + region + "»").with("field", "region");
        }
        return found;
    }

    /** Each feature's municipality and geometry, after every rule of the file is checked. */
    private static Map<String, JsonNode> read(JsonNode collection, String region, Map<String, TenantConfiguration> municipalities) {
        if (collection == null || !collection.isObject() || !"FeatureCollection".equals(collection.path("type").asString(""))) {
            throw invalid("type", "Ожидается GeoJSON FeatureCollection: объект с \"type\": \"FeatureCollection\" и списком \"features\"");
        }
        JsonNode features = collection.path("features");
        if (!features.isArray() || features.isEmpty()) {
            throw invalid("features", "В коллекции нет ни одного объекта (features пуст или не список)");
        }
        Map<String, JsonNode> outlines = new java.util.LinkedHashMap<>();
        int[] points = {0};
        for (int i = 0; i < features.size(); i++) {
            JsonNode feature = features.get(i);
            String at = "features[" + i + "]";
            String slug = feature.path("properties").path("municipality").asString("");
            if (slug.isBlank()) {
                throw invalid(at + ".properties.municipality", "Объекту № " + (i + 1) + " не указан муниципалитет (properties.municipality — его код на платформе)");
            }
            if (!municipalities.containsKey(slug)) {
                throw invalid(at + ".properties.municipality", "Объект № " + (i + 1) + ": муниципалитета «" + clip(slug) + "» нет среди муниципалитетов региона "
                        + region + " на платформе (" + String.join(", ", municipalities.keySet()) + ")");
            }
            if (outlines.containsKey(slug)) {
                throw invalid(at + ".properties.municipality", "Объект № " + (i + 1) + ": границы муниципалитета «" + slug + "» уже заданы выше");
            }
            JsonNode geometry = feature.path("geometry");
            String type = geometry.path("type").asString("");
            JsonNode coordinates = geometry.path("coordinates");
            switch (type) {
                case "Polygon" -> polygon(coordinates, at + ".geometry.coordinates", i, points);
                case "MultiPolygon" -> {
                    if (!coordinates.isArray() || coordinates.isEmpty()) {
                        throw invalid(at + ".geometry.coordinates", "Объект № " + (i + 1) + ": у мультиполигона нет ни одного полигона");
                    }
                    for (int p = 0; p < coordinates.size(); p++) {
                        polygon(coordinates.get(p), at + ".geometry.coordinates[" + p + "]", i, points);
                    }
                }
                default -> throw invalid(at + ".geometry.type", "Объект № " + (i + 1) + ": граница — Polygon или MultiPolygon, а не «" + clip(type) + "»");
            }
            outlines.put(slug, geometry);
        }
        return outlines;
    }

    /** Rings of at least four positions, closed, each position [долгота, широта] on the globe (RFC 7946 §3.1.6). */
    private static void polygon(JsonNode rings, String at, int feature, int[] points) {
        String which = "Объект № " + (feature + 1) + ": ";
        if (!rings.isArray() || rings.isEmpty()) {
            throw invalid(at, which + "полигон — список колец, а колец нет");
        }
        for (int r = 0; r < rings.size(); r++) {
            JsonNode ring = rings.get(r);
            String ringAt = at + "[" + r + "]";
            if (!ring.isArray() || ring.size() < 4) {
                throw invalid(ringAt, which + "кольцо полигона — не меньше четырёх точек");
            }
            for (int p = 0; p < ring.size(); p++) {
                JsonNode position = ring.get(p);
                if (!position.isArray() || position.size() < 2 || !position.get(0).isNumber() || !position.get(1).isNumber()) {
                    throw invalid(ringAt + "[" + p + "]", which + "точка — пара чисел [долгота, широта]");
                }
                double lon = position.get(0).asDouble();
                double lat = position.get(1).asDouble();
                if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
                    throw invalid(ringAt + "[" + p + "]", which + "точка [" + lon + ", " + lat + "] вне земного шара (долгота −180…180, широта −90…90; "
                            + "порядок — долгота, затем широта)");
                }
            }
            if (!samePosition(ring.get(0), ring.get(ring.size() - 1))) {
                throw invalid(ringAt, which + "кольцо полигона не замкнуто: последняя точка должна совпадать с первой");
            }
            points[0] += ring.size();
            if (points[0] > MAX_POINTS) {
                throw invalid(ringAt, "В файле больше " + MAX_POINTS + " точек: упростите границы (например, до 50 м)");
            }
        }
    }

    private static boolean samePosition(JsonNode a, JsonNode b) {
        return a.get(0).asDouble() == b.get(0).asDouble() && a.get(1).asDouble() == b.get(1).asDouble();
    }

    private static Refusal invalid(String field, String detail) {
        return new Refusal(422, "invalid-boundaries", "Файл границ не принят", detail).with("field", field);
    }

    private static String clip(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
