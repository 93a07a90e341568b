package ru.mcu.platform.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitForSelectorState;

import com.google.gson.JsonObject;

import tools.jackson.databind.json.JsonMapper;

import ru.mcu.platform.testsupport.BrowserSession;

/**
 * The web application's speed as an official feels it (./mcu bench): Debian's Chromium, the whole
 * platform as ./mcu run starts it, Tashtagol's head working through the screens. Each screen is
 * timed from the person's move (a navigation, a click, Enter) to the moment its data is on the
 * screen. Baseline in the same run: the same screens, same browser, same person, when the
 * municipality has only a few dozen messages; then the messages are brought to 10,000 through the
 * machine API (each with its deadlines and audit trail) and the screens are timed again.
 * Writes target/benchmarks/web.md.
 */
@Tag("benchmark")
class WebBenchmark {
    static final int MESSAGES = Integer.getInteger("bench.web.messages", 10_000);
    static final int FEW = 40;
    static final int ROUNDS = Integer.getInteger("bench.web.rounds", 15);
    static final int WARM_UP = 5;
    /** Records Chromium's trace of the last round's first render and reports where the main thread spent it. */
    static final boolean TRACE = Boolean.parseBoolean(System.getProperty("bench.web.trace", "true"));
    static final String TENANT = "tashtagol";
    /** «Инцидент менеджмент» (no deadline until the МЦУ takes a message) and the governor's pages (answer due by 18:00 next day). */
    static final List<String> CHANNELS = List.of("im", "governor-pages");
    static final double FIRST_GOAL_MS = 1_000;
    static final double NEXT_GOAL_MS = 300;
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** The queue is on screen: its total and first row (or its empty notice), no spinner, and not what was there before. */
    private static final String QUEUE_SHOWN = """
            (before) => {
              const total = document.querySelector('[data-testid=queue-total]');
              const row = document.querySelector('.ant-table-row a.queue-text');
              const empty = document.querySelector('.ant-table-wrapper .ant-table-placeholder');
              if (!total || (!row && !empty) || document.querySelector('.ant-table-wrapper .ant-spin-spinning')) return false;
              const shown = total.textContent.split('·')[0] + '|' + (row ? row.getAttribute('href') : 'empty');
              return shown !== before ? shown : false;
            }""";
    /** Where a first render's time goes, from the navigation's start: the page, the scripts run, the API answered, the queue shown. */
    private static final String FIRST_RENDER = """
            () => {
              const nav = performance.getEntriesByType('navigation')[0];
              const resources = performance.getEntriesByType('resource');
              const api = resources.filter(e => e.name.includes('/api/'));
              const scripts = resources.filter(e => e.name.includes('/assets/') && e.name.endsWith('.js'));
              const early = scripts.find(e => e.name.includes('/assets/early-'));
              const ms = v => Math.round(v) + ' ms';
              return 'page answered ' + ms(nav.responseEnd) + (early ? ', early script arrived ' + ms(early.responseEnd) : '')
                + ', last script arrived ' + ms(Math.max(...scripts.map(e => e.responseEnd)))
                + ', scripts run (DOMContentLoaded) ' + ms(nav.domContentLoadedEventEnd)
                + ', first API request ' + ms(Math.min(...api.map(e => e.startTime)))
                + ', last API answer ' + ms(Math.max(...api.map(e => e.responseEnd))) + ', queue on screen ' + ms(performance.now());
            }""";
    private static final String CARD_SHOWN = "() => !!document.querySelector('h2 .ant-tag') && !!document.querySelector('.ant-timeline-item')"
            + " && !document.querySelector('.ant-spin-spinning')";
    private static final String NOTIFICATIONS_SHOWN = "() => !!document.querySelector('.ant-drawer-open .ant-list, .ant-drawer-open .ant-empty')"
            + " && !document.querySelector('.ant-drawer-open .ant-spin-spinning')";

    private Platform platform;
    private Connector connector;
    private int sent;

    @Test
    void screensWithTenThousandMessagesAgainstTheSameScreensWithAFew() throws Exception {
        try (Platform started = Platform.start(Platform.Options.forTests(Path.of("target", "bench-web-" + ProcessHandle.current().pid())));
             Chromium chromium = Chromium.launch()) {
            platform = started;
            BrowserSession operator = new BrowserSession(URI.create(platform.gatewayUrl()));
            operator.logIn("operator", "operator");
            connector = Connector.issue(platform, operator, TENANT, CHANNELS);

            send(FEW);
            String session = logIn(chromium.browser);
            Phase few = measure(chromium.browser, session);

            send(MESSAGES - sent);
            Phase many = measure(chromium.browser, session);
            assertThat(many.total).as("messages in the municipality's queue").isGreaterThanOrEqualTo(MESSAGES);

            String report = report(few, many);
            Path out = Path.of("target", "benchmarks", "web.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            System.out.println(report);
        }
    }

    /** Messages as the channels' systems send them, arrived over the last 30 days (so some are overdue, some at risk). */
    private void send(int count) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int from = 0; from < count; from += 500) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + 500); i++) {
                int n = sent + i;
                batch.add(Map.of("channel", CHANNELS.get(n % CHANNELS.size()), "externalId", "web-" + UUID.randomUUID(),
                        "receivedAt", now.minus((n * 7_919L) % (30 * 24 * 60), ChronoUnit.MINUTES).toString(),
                        "text", "Не вывезен мусор во дворе дома № " + (n % 300) + ", контейнеры переполнены",
                        "citizen", Map.of("name", "Заявитель " + n), "address", "ул. Ленина, " + (n % 200)));
            }
            HttpResponse<String> response = connector.post("/api/intake/messages/batch", JSON.writeValueAsString(Map.of("messages", batch)));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        sent += count;
    }

    /** One login through Keycloak; every round then opens a fresh window (empty cache) with that session. */
    private String logIn(Browser browser) {
        try (Screen screen = new Screen(context(browser, null), platform.gatewayUrl())) {
            screen.logIn("tashtagol-head", "demo");
            return screen.context.storageState();
        }
    }

    private BrowserContext context(Browser browser, String session) {
        Browser.NewContextOptions options = new Browser.NewContextOptions().setViewportSize(1366, 768).setLocale("ru-RU")
                .setTimezoneId("Asia/Novokuznetsk");
        return browser.newContext(session == null ? options : options.setStorageState(session));
    }

    /** Timings of every screen, in milliseconds, per round; the first rounds warm the JVMs and are dropped. */
    private Phase measure(Browser browser, String session) throws IOException {
        Map<String, List<Double>> times = new LinkedHashMap<>();
        Map<String, List<Double>> wall = new LinkedHashMap<>();
        Map<String, String> requests = new LinkedHashMap<>();
        int total = 0;
        double transferred = 0;
        String firstRender = "";
        // With the trace on, one more round after the measured ones records it (tracing slows the browser, so its times are not kept).
        for (int round = 0; round < WARM_UP + ROUNDS + (TRACE ? 1 : 0); round++) {
            Screen screen = new Screen(context(browser, session), platform.gatewayUrl());
            Round timed = new Round(screen.page);
            boolean traced = round == WARM_UP + ROUNDS;
            try {
                Page page = screen.page;
                String[] shown = new String[1];
                CDPSession profiler = traced ? page.context().newCDPSession(page) : null;
                if (traced) {
                    profiler.send("Profiler.enable");
                    JsonObject every200Micros = new JsonObject();
                    every200Micros.addProperty("interval", 200);
                    profiler.send("Profiler.setSamplingInterval", every200Micros);
                    profiler.send("Profiler.start");
                    browser.startTracing(page, new Browser.StartTracingOptions().setCategories(List.of("devtools.timeline", "v8.execute",
                            "disabled-by-default-devtools.timeline", "blink", "v8")));
                }
                timed.time("queue: first render, empty browser cache", () -> {
                    page.navigate(platform.gatewayUrl() + "/queue");
                    shown[0] = queue(page, null);
                });
                if (traced) {
                    // Kept beside the report, to be opened in Chromium's DevTools (Performance panel) when the summary is not enough.
                    byte[] trace = browser.stopTracing();
                    String profile = profiler.send("Profiler.stop").get("profile").toString();
                    Files.write(Path.of("target", "benchmarks", "web-first-render.trace.json"), trace);
                    Files.writeString(Path.of("target", "benchmarks", "web-first-render.cpuprofile"), profile);
                    firstRender += "; traced once more: " + MainThreadTrace.summary(trace, 12)
                            + "; script by V8's profiler: " + CpuProfile.summary(profile, 15);
                    profiler.detach();
                } else {
                    firstRender = String.valueOf(page.evaluate(FIRST_RENDER));
                }
                transferred = ((Number) page.evaluate("() => performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation'))"
                        + ".reduce((sum, e) => sum + (e.transferSize || 0), 0)")).doubleValue();
                total = Integer.parseInt(shown[0].replaceAll("^\\D*(\\d+).*$", "$1"));
                if (round == 0) {
                    screen.screenshot(Path.of("target", "benchmarks", "web-queue-" + total + ".png"));
                }
                timed.time("queue: first render, assets cached (reload)", () -> {
                    page.reload();
                    shown[0] = queue(page, null);
                });
                timed.click("message card (from the queue)", page.locator(".ant-table-row a.queue-text").first(),
                        () -> shown(page, CARD_SHOWN, null));
                timed.click("back to the queue", page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("← К очереди")),
                        () -> shown[0] = queue(page, null));
                timed.click("queue: next page", page.locator(".ant-pagination-item-2"), () -> shown[0] = queue(page, shown[0]));
                page.locator("#queue-q").fill("дома № 17,");
                timed.time("queue: search by text", () -> {
                    page.keyboard().press("Enter");
                    shown[0] = queue(page, shown[0]);
                });
                timed.click("queue: filters reset", page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Сбросить фильтры")),
                        () -> shown[0] = queue(page, shown[0]));
                timed.click("queue: overdue only", page.getByRole(AriaRole.CHECKBOX, new Page.GetByRoleOptions().setName("Просрочено")),
                        () -> queue(page, shown[0]));
                timed.click("notifications panel", page.getByTestId("bell"), () -> shown(page, NOTIFICATIONS_SHOWN, null));
                page.keyboard().press("Escape");
                page.locator(".ant-drawer-open").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.HIDDEN));
                timed.click("manual entry form", page.locator(".ant-layout-sider a[href='/messages/new']"),
                        () -> shown(page, "() => !!document.querySelector('textarea#text')", null));
                timed.click("staff and roles", page.locator(".ant-layout-sider a[href='/admin/staff']"),
                        () -> shown(page, "() => [...document.querySelectorAll('td')].some(td => td.textContent.includes('tashtagol-executor'))", null));
            } catch (RuntimeException e) {
                // The failed screen, kept as evidence beside the browser tests' own.
                screen.screenshot(Path.of("target", "browser-screenshots", "web-benchmark-round-" + round + ".png"));
                throw e;
            } finally {
                screen.close();
            }
            if (round >= WARM_UP && !traced) {
                timed.times.forEach((name, ms) -> times.computeIfAbsent(name, s -> new ArrayList<>()).add(ms));
                timed.wall.forEach((name, ms) -> wall.computeIfAbsent(name, s -> new ArrayList<>()).add(ms));
                requests.putAll(timed.requests);
            }
        }
        return new Phase(total, transferred, sorted(times), sorted(wall), requests, firstRender);
    }

    /** One round's screens: each one's time, and the API requests the browser made for it (from its resource timings). */
    private static final class Round {
        /** The requests that started after a moment, even across a navigation (absolute time = time origin + start time). */
        private static final String REQUESTS_SINCE = """
                (since) => performance.getEntriesByType('resource')
                  .filter(e => e.name.includes('/api/') && performance.timeOrigin + e.startTime >= since)
                  .map(e => new URL(e.name).pathname.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '{id}') + ' ' + Math.round(e.duration) + ' ms')
                  .join(', ')""";
        final Page page;
        /** Before a move: forget the last screen's marks, note the next press; answers the absolute time for the requests. */
        private static final String ARM = """
                () => {
                  window.__mcuShownAt = null;
                  window.__mcuStart = null;
                  const mark = () => { window.__mcuStart ??= performance.now(); };
                  addEventListener('pointerdown', mark, { capture: true, once: true });
                  addEventListener('keydown', mark, { capture: true, once: true });
                  return performance.timeOrigin + performance.now();
                }""";
        final Map<String, Double> times = new LinkedHashMap<>();
        final Map<String, Double> wall = new LinkedHashMap<>();
        final Map<String, String> requests = new LinkedHashMap<>();

        Round(Page page) {
            this.page = page;
        }

        /**
         * A click on what the person sees, found before the clock starts: Playwright's lookups by
         * role or label walk the page's accessibility tree, which is the test's cost, not the application's.
         */
        void click(String screen, Locator target, Runnable shown) {
            com.microsoft.playwright.ElementHandle element = target.elementHandle();
            time(screen, () -> {
                element.click();
                shown.run();
            });
        }

        /**
         * Two clocks: the browser's own, from the person's press (pointer or key; a navigation's start
         * for a new page) to the first frame with the data, which is what the person waits; and the
         * wall clock around the test driver's whole move, which adds Playwright's round trips.
         */
        void time(String screen, Runnable move) {
            double since = ((Number) page.evaluate(ARM)).doubleValue();
            long start = System.nanoTime();
            move.run();
            wall.put(screen, (System.nanoTime() - start) / 1e6);
            times.put(screen, ((Number) page.evaluate("() => window.__mcuShownAt - (window.__mcuStart ?? 0)")).doubleValue());
            requests.put(screen, String.valueOf(page.evaluate(REQUESTS_SINCE, since)));
        }
    }

    private static String queue(Page page, String before) {
        return String.valueOf(shown(page, QUEUE_SHOWN, before).jsonValue()).replaceAll("^\"|\"$", "");
    }

    /**
     * Waits for the screen's data, noting in the page the first moment it was there (Playwright
     * polls each animation frame): the end of the time the person waited.
     */
    private static com.microsoft.playwright.JSHandle shown(Page page, String predicate, Object arg) {
        return page.waitForFunction("(arg) => { const r = (" + predicate + ")(arg); if (r && window.__mcuShownAt == null) "
                + "window.__mcuShownAt = performance.now(); return r; }", arg);
    }

    private static Map<String, double[]> sorted(Map<String, List<Double>> times) {
        Map<String, double[]> sorted = new LinkedHashMap<>();
        times.forEach((screen, list) -> sorted.put(screen, list.stream().mapToDouble(Double::doubleValue).sorted().toArray()));
        return sorted;
    }

    record Phase(int total, double transferredBytes, Map<String, double[]> times, Map<String, double[]> wall, Map<String, String> requests,
                 String firstRender) {
    }

    private static String report(Phase few, Phase many) {
        List<String> lines = new ArrayList<>();
        lines.add("| screen | " + few.total + " messages: p50 / p95 | " + many.total + " messages: p50 / p95 | ratio (p50) | goal | met (p95) | "
                + many.total + " messages, wall clock with the driver: p50 |");
        lines.add("| --- | --- | --- | --- | --- | --- | --- |");
        many.times.forEach((screen, times) -> {
            double[] base = few.times.get(screen);
            double goal = screen.startsWith("queue: first render") ? FIRST_GOAL_MS : NEXT_GOAL_MS;
            lines.add("| " + screen + " | " + f(percentile(base, 0.5)) + " / " + f(percentile(base, 0.95)) + " ms | "
                    + f(percentile(times, 0.5)) + " / " + f(percentile(times, 0.95)) + " ms | "
                    + String.format(Locale.ROOT, "%.2f×", percentile(times, 0.5) / percentile(base, 0.5)) + " | < " + f(goal) + " ms | "
                    + (percentile(times, 0.95) < goal ? "yes" : "**no**") + " | " + f(percentile(many.wall.get(screen), 0.5)) + " ms |");
        });
        return "Web application benchmark, " + java.time.LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                + ManagementFactory.getOperatingSystemMXBean().getArch() + ", Java " + Runtime.version() + ", " + ROUNDS + " rounds after "
                + WARM_UP + " warm-up rounds, Chromium headless at 1366×768; times in the browser from the press (or the navigation's start) to the first frame with the data\n\n" + String.join("\n", lines) + "\n\n"
                + "Transferred on a first render with an empty cache: " + f(many.transferredBytes / 1024) + " kB (" + Arrays.toString(new int[] {few.total, many.total})
                + " messages: " + f(few.transferredBytes / 1024) + " / " + f(many.transferredBytes / 1024) + " kB)\n\n"
                + "Where the first render's time goes (last measured round, " + many.total + " messages): " + many.firstRender + "\n\n"
                + "API requests behind each screen (last measured round, " + many.total + " messages; time as the browser saw it):\n\n"
                + many.requests.entrySet().stream().map(e -> "- " + e.getKey() + ": " + (e.getValue().isEmpty() ? "none" : e.getValue()))
                        .collect(java.util.stream.Collectors.joining("\n")) + "\n";
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.max(0, (int) Math.ceil(sorted.length * p) - 1)];
    }

    private static String f(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }
}
