package ru.mcu.core.analytics.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import ru.mcu.core.analytics.RegionalComparison;
import ru.mcu.core.shared.Refusal;
import ru.mcu.platform.tenancy.PlatformToken;

/**
 * The regional ЦУР's comparison of its municipalities: for the regional analyst, the regions named in
 * their account (claim {@code mcu_regions}); for the federal methodologist, every region (or one, by
 * {@code region}). Counts only: no message, no person.
 */
@RestController
@RequestMapping("/api/regional")
class RegionalController {
    static final String REGIONS_CLAIM = "mcu_regions";

    private final RegionalComparison comparison;
    private final ru.mcu.core.tenant.TenantStatuses tenants;
    private final ru.mcu.core.analytics.Boundaries boundaries;

    RegionalController(RegionalComparison comparison, ru.mcu.core.tenant.TenantStatuses tenants, ru.mcu.core.analytics.Boundaries boundaries) {
        this.comparison = comparison;
        this.tenants = tenants;
        this.boundaries = boundaries;
    }

    @GetMapping("/comparison")
    RegionalComparison.Comparison comparison(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                             @RequestParam(required = false) String region, @AuthenticationPrincipal Jwt token) {
        LocalDate start = AnalyticsController.date("from", from);
        LocalDate end = AnalyticsController.period(start, AnalyticsController.date("to", to));
        return comparison.compare(regions(token, region), start, end);
    }

    /**
     * The regions side by side, each its municipalities' counts summed and ranked among the regions:
     * the methodologist's view of the country (an analyst's, of their own regions), before opening one.
     */
    @GetMapping("/regions")
    RegionalComparison.RegionsComparison regions(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                                 @AuthenticationPrincipal Jwt token) {
        LocalDate start = AnalyticsController.date("from", from);
        LocalDate end = AnalyticsController.period(start, AnalyticsController.date("to", to));
        return comparison.compareRegions(regions(token, null), start, end);
    }

    /** One municipality's categories month by month over the period: the messages received in each. */
    @GetMapping("/municipalities/{slug}/categories")
    RegionalComparison.Categories categories(@PathVariable String slug, @RequestParam(required = false) String from,
                                             @RequestParam(required = false) String to, @AuthenticationPrincipal Jwt token) {
        LocalDate start = AnalyticsController.date("from", from);
        LocalDate end = AnalyticsController.period(start, AnalyticsController.date("to", to));
        var municipality = tenants.configuration(slug).orElseThrow(() -> new Refusal(404, "municipality-not-found", "Муниципалитет не найден",
                "Муниципалитета «" + (slug.length() > 40 ? slug.substring(0, 40) + "…" : slug) + "» на платформе нет"));
        List<String> regions = regions(token, null);
        if (!regions.contains(RegionalComparison.ALL_REGIONS) && !regions.contains(municipality.regionCode())) {
            throw new Refusal(403, "region-not-yours", "Чужой регион", "Муниципалитет не входит в регионы учётной записи аналитика: " + regions);
        }
        return comparison.categories(regions, municipality, start, end);
    }

    /**
     * The outlines of the caller's regions' municipalities (or of the one asked) as GeoJSON, for the
     * choropleth; an empty collection where none are loaded.
     */
    @GetMapping(value = "/boundaries", produces = "application/geo+json")
    String boundaries(@RequestParam(required = false) String region, @AuthenticationPrincipal Jwt token) {
        return boundaries.collection(regions(token, region));
    }

    /** The regions the caller may read: the methodologist's every region (or the one asked), the analyst's own. */
    private static List<String> regions(Jwt token, String region) {
        Set<String> personas = Set.copyOf(PlatformToken.realmRoles(token));
        if (personas.contains("federal-methodologist")) {
            return region == null ? List.of(RegionalComparison.ALL_REGIONS) : List.of(regionCode(region));
        }
        List<String> own = token.getClaimAsStringList(REGIONS_CLAIM);
        if (own == null || own.isEmpty()) {
            throw new Refusal(403, "no-region", "Регион не назначен", "Учётной записи аналитика ЦУР не назначен ни один регион");
        }
        if (region != null && !own.contains(regionCode(region))) {
            throw new Refusal(403, "region-not-yours", "Чужой регион", "Аналитику ЦУР доступны только регионы его учётной записи: " + own);
        }
        return region == null ? own : List.of(region);
    }

    /** A region is its code (субъект РФ), two digits, e.g. 42 for Кузбасс. */
    static String regionCode(String region) {
        if (!region.matches("\\d{2}")) {
            throw Refusal.invalid("region", "Код региона — две цифры (например, 42), а не «" + (region.length() > 20 ? region.substring(0, 20) + "…" : region) + "»");
        }
        return region;
    }
}
