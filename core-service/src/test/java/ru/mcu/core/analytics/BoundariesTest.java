package ru.mcu.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;

import com.jayway.jsonpath.JsonPath;

import ru.mcu.core.Municipalities;
import ru.mcu.platform.tenancy.CurrentTenant;
import ru.mcu.platform.testsupport.RealServers;

/**
 * The outlines of a region's municipalities for its choropleth: loaded by the regional operator as a
 * GeoJSON file (all or nothing), read by that region's analysts and the methodologists only, and, as
 * the application's database role, out of reach of another region's transaction and of any
 * municipality's.
 */
@SpringBootTest(properties = {"mcu.deadline-watch.initial-delay=PT1H", "mcu.analytics.check-initial-delay=PT1H"})
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealServers.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BoundariesTest {
    // Region 41 (Камчатка) is no shipped template's: no other test's municipality falls into it.
    static final String REGION = "41";
    static final String A = "outline-a";
    static final String B = "outline-b";
    static final String ELSEWHERE = "outline-elsewhere";

    @Autowired
    MockMvc mvc;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;

    @BeforeAll
    void municipalities() {
        Municipalities.publish(redis, "tashtagol", A, "ACTIVE", REGION);
        Municipalities.publish(redis, "tashtagol", B, "ACTIVE", REGION);
        Municipalities.publish(redis, "barnaul", ELSEWHERE, "ACTIVE", "40");
    }

    /** A square of {@code size} degrees with its south-west corner at lon, lat. */
    static String square(double lon, double lat, double size) {
        return "[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]".formatted(lon, lat, lon + size, lat, lon + size, lat + size, lon, lat + size, lon, lat);
    }

    static String feature(String slug, String type, String coordinates) {
        return "{\"type\":\"Feature\",\"properties\":{\"municipality\":\"" + slug + "\",\"name\":\"из файла\"},\"geometry\":{\"type\":\"" + type
                + "\",\"coordinates\":" + coordinates + "}}";
    }

    static String collection(String... features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    String load(String body, int expected) throws Exception {
        return mvc.perform(put("/api/boundaries/regions/" + REGION).with(Municipalities.regionalOperator()).contentType("application/geo+json")
                .content(body)).andExpect(status().is(expected)).andReturn().getResponse().getContentAsString();
    }

    String read(RequestPostProcessor who, String region) throws Exception {
        var request = get("/api/regional/boundaries").with(who);
        if (region != null) {
            request.param("region", region);
        }
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    void bothLoaded() throws Exception {
        load(collection(feature(A, "Polygon", square(158, 53, 1)), feature(B, "MultiPolygon", "[" + square(160, 55, 0.5) + "," + square(161, 56, 0.5) + "]")),
                200);
    }

    @Test
    void theOperatorLoadsTheRegionsOutlinesAndSeesWhichMunicipalityLacksOne() throws Exception {
        String first = load(collection(feature(A, "Polygon", square(158, 53, 1))), 200);
        assertThat((List<Boolean>) JsonPath.read(first, "$.municipalities[?(@.slug == '" + A + "')].loaded")).containsExactly(true);
        assertThat((List<Boolean>) JsonPath.read(first, "$.municipalities[?(@.slug == '" + B + "')].loaded")).containsExactly(false);
        assertThat((List<String>) JsonPath.read(first, "$.municipalities[*].slug")).as("the region's only").containsExactlyInAnyOrder(A, B);
        bothLoaded();
        String state = mvc.perform(get("/api/boundaries/regions/" + REGION).with(Municipalities.regionalOperator())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat((List<Boolean>) JsonPath.read(state, "$.municipalities[*].loaded")).containsExactly(true, true);
        assertThat((List<String>) JsonPath.read(state, "$.municipalities[*].loadedBy")).containsOnly("operator");
    }

    @Test
    void theRegionsAnalystReadsItsOutlinesWithNamesAnotherRegionsAnalystNothing() throws Exception {
        bothLoaded();
        String own = read(Municipalities.regionalAnalyst(REGION), null);
        assertThat((String) JsonPath.read(own, "$.type")).isEqualTo("FeatureCollection");
        assertThat((List<String>) JsonPath.read(own, "$.features[*].properties.municipality")).containsExactly(A, B);
        // The name is the template's, not the file's.
        assertThat((List<String>) JsonPath.read(own, "$.features[*].properties.name")).doesNotContain("из файла").doesNotContainNull();
        assertThat((String) JsonPath.read(own, "$.features[1].geometry.type")).isEqualTo("MultiPolygon");
        assertThat((List<String>) JsonPath.read(read(Municipalities.regionalAnalyst("40"), null), "$.features[*].properties.municipality"))
                .doesNotContain(A, B);
        assertThat((List<String>) JsonPath.read(read(Municipalities.federalMethodologist(), REGION), "$.features[*].properties.municipality"))
                .containsExactly(A, B);
        mvc.perform(get("/api/regional/boundaries").param("region", REGION).with(Municipalities.regionalAnalyst("40"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/regional/boundaries").with(Municipalities.staff(A, "glava", "head"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/boundaries/regions/" + REGION).with(Municipalities.regionalAnalyst(REGION))).andExpect(status().isForbidden());
    }

    @Test
    void aFileWithOneFaultIsRefusedNamingItAndChangesNothing() throws Exception {
        bothLoaded();
        String before = read(Municipalities.regionalAnalyst(REGION), null);
        String open = "[[[158,53],[159,53],[159,54],[158,54]]]";
        String refusal = load(collection(feature(A, "Polygon", square(150, 50, 2)), feature(B, "Polygon", open)), 422);
        assertThat((String) JsonPath.read(refusal, "$.type")).isEqualTo("urn:mcu:problem:invalid-boundaries");
        assertThat((String) JsonPath.read(refusal, "$.field")).isEqualTo("features[1].geometry.coordinates[0]");
        assertThat((String) JsonPath.read(refusal, "$.detail")).contains("Объект № 2").contains("не замкнуто");
        assertThat(read(Municipalities.regionalAnalyst(REGION), null)).as("the first feature was not written either").isEqualTo(before);

        String foreign = load(collection(feature(ELSEWHERE, "Polygon", square(80, 50, 1))), 422);
        assertThat((String) JsonPath.read(foreign, "$.field")).isEqualTo("features[0].properties.municipality");
        assertThat((String) JsonPath.read(foreign, "$.detail")).contains(ELSEWHERE).contains("региона " + REGION);
        String swapped = load(collection(feature(A, "Polygon", "[[[53,158],[54,158],[54,159],[53,158]]]")), 422);
        assertThat((String) JsonPath.read(swapped, "$.detail")).contains("вне земного шара");
    }

    long rows(String setting, String value) {
        return tx.execute(status -> {
            jdbc.queryForObject("select set_config(?, ?, true)", String.class, setting, value);
            return jdbc.queryForObject("select count(*) from municipality_boundary where tenant_id in (?, ?)", Long.class, A, B);
        });
    }

    /** As the application's role: who can reach the outlines' rows. */
    @Test
    void onlyTheRegionsTransactionsReachItsOutlines() throws Exception {
        bothLoaded();
        assertThat(rows("app.regions", REGION)).isEqualTo(2);
        assertThat(rows("app.regions", "40")).isZero();
        assertThat(rows("app.boundaries_region", "40")).isZero();
        Long municipal = CurrentTenant.call(A, () -> tx.execute(status -> jdbc.queryForObject(
                "select count(*) from municipality_boundary", Long.class)));
        assertThat(municipal).as("a municipality's own transaction").isZero();
        // Reading a region is not keeping it: an analyst's transaction cannot write an outline.
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            jdbc.queryForObject("select set_config('app.regions', ?, true)", String.class, REGION);
            jdbc.update("insert into municipality_boundary (region_code, tenant_id, geometry, loaded_by) values (?, ?, '{\"type\":\"Polygon\"}', 'x')",
                    REGION, A + "-forged");
        })).rootCause().hasMessageContaining("row-level security");
    }
}
