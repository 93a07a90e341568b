package ru.mcu.platform.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import ru.mcu.platform.stack.KeycloakAdmin;
import ru.mcu.platform.stack.PlatformRealm;
import ru.mcu.platform.testsupport.BrowserSession;

/**
 * Load driver for onboarding (./mcu bench): the whole platform as ./mcu run starts it, the regional
 * operator logged in through the gateway, and generated municipalities onboarded one after another
 * through the API. Baseline, measured in the same run: the Keycloak floor, i.e. creating an
 * organization and a member directly through Keycloak's admin API, which every onboarding must do.
 * Writes target/benchmarks/onboarding.md. Not part of ./mcu test (tag "benchmark").
 */
@Tag("benchmark")
class OnboardingBenchmark {
    static final int FLOOR = Integer.getInteger("bench.floor", 50);
    static final int MANY = Integer.getInteger("bench.municipalities", 500);
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void onboardOneThenManyInARow() throws Exception {
        try (Platform platform = Platform.start(Platform.Options.forTests(Path.of("target", "bench-" + ProcessHandle.current().pid())))) {
            BrowserSession operator = new BrowserSession(URI.create(platform.gatewayUrl()));
            operator.logIn("operator", "operator");
            String template = template();

            // Baseline: the Keycloak work alone.
            KeycloakAdmin keycloak = new KeycloakAdmin(platform.servers().keycloak(), PlatformRealm.REALM);
            double[] floor = new double[FLOOR];
            for (int i = 0; i < FLOOR; i++) {
                long start = System.nanoTime();
                String organization = keycloak.ensureOrganization("floor-" + i, "Базовая линия " + i);
                String user = keycloak.ensureUser("floor-" + i + "@bench.invalid", "Floor-pass-1", "Базовая", "Линия", "floor-" + i + "@bench.invalid");
                keycloak.addMember(organization, user);
                floor[i] = millis(start);
            }

            double one = onboard(operator, template, "bench-one");
            double[] many = new double[MANY];
            long all = System.nanoTime();
            for (int i = 0; i < MANY; i++) {
                many[i] = onboard(operator, template, String.format(Locale.ROOT, "bench-%04d", i));
            }
            double total = millis(all) / 1000;

            String report = report(floor, one, many, total);
            Path out = Path.of("target", "benchmarks", "onboarding.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            System.out.println(report);
        }
    }

    private static double onboard(BrowserSession operator, String template, String slug) {
        long start = System.nanoTime();
        BrowserSession.Page page = operator.call("POST", "/api/platform/municipalities", JSON.writeValueAsString(Map.of(
                "templateYaml", template, "slug", slug, "officialName", "Муниципалитет " + slug, "population", 10000,
                "adminEmail", "admin@" + slug + ".bench.invalid")));
        double elapsed = millis(start);
        assertThat(page.status()).as(page.body()).isEqualTo(201);
        return elapsed;
    }

    /** A realistic template: Tashtagol's, the largest act (13 roles, 4 regulations, 42 steps). */
    private static String template() throws IOException {
        try (InputStream in = OnboardingBenchmark.class.getClassLoader().getResourceAsStream("config-templates/municipalities/tashtagol.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static double millis(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    private static String report(double[] floor, double one, double[] many, double totalSeconds) {
        double floorMean = mean(floor);
        double[] first = Arrays.copyOfRange(many, 0, Math.min(50, many.length));
        double[] last = Arrays.copyOfRange(many, Math.max(0, many.length - 50), many.length);
        double[] sorted = many.clone();
        Arrays.sort(sorted);
        List<String> lines = new ArrayList<>();
        lines.add("| measure | value |");
        lines.add("| --- | --- |");
        lines.add(row("Keycloak floor (organization + user + membership), mean of " + floor.length, floorMean, "ms"));
        lines.add(row("one municipality onboarded (first, cold)", one, "ms"));
        lines.add(row(many.length + " municipalities in a row: total", totalSeconds, "s"));
        lines.add(row("  per municipality: mean", mean(many), "ms"));
        lines.add(row("  per municipality: p50", sorted[sorted.length / 2], "ms"));
        lines.add(row("  per municipality: p95", sorted[(int) Math.ceil(sorted.length * 0.95) - 1], "ms"));
        lines.add(row("  mean of the first 50", mean(first), "ms"));
        lines.add(row("  mean of the last 50", mean(last), "ms"));
        lines.add(row("ratio: onboarding mean / Keycloak floor", mean(many) / floorMean, "×"));
        lines.add(row("ratio: last 50 / first 50 (growth with the number of tenants)", mean(last) / mean(first), "×"));
        return "Onboarding benchmark, " + java.time.LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                + ManagementFactory.getOperatingSystemMXBean().getArch() + ", Java " + Runtime.version() + "\n\n" + String.join("\n", lines) + "\n";
    }

    private static String row(String what, double value, String unit) {
        return "| " + what + " | " + String.format(Locale.ROOT, "%.2f", value) + " " + unit + " |";
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }
}
