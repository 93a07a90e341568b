package ru.mcu.platform.localrun;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import ru.mcu.platform.stack.Net;
import ru.mcu.platform.stack.StackException;
import ru.mcu.platform.testsupport.BrowserSession;

/**
 * «ИМИТАТОР ВНЕШНИХ СИСТЕМ», for the local run only: a page on 127.0.0.1 where a demo plays the
 * parties outside the МЦУ that a regulation waits on — the ЦУР's curators in «Инцидент
 * менеджмент», the source platform's moderation in ПОС, the citizen's comment — and sends messages
 * in as those systems would. It holds a connector per municipality, issued at start by the
 * regional operator through the console's API, and uses the same machine API real systems use:
 * the work list of what waits on them, the step by external id, a message in. Nothing here is in
 * the Helm chart or the services.
 */
final class ExternalSystems implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ExternalSystems.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Steps the МЦУ's own people take; any other «by» is someone outside, relayed by a connector. */
    private static final Set<String> INSIDE = Set.of("role", "executor", "system");

    /** One municipality's connector: its channels (code → name) and its client credentials. */
    private record Connection(String municipality, String name, Map<String, String> channels, String clientId, String clientSecret) {
    }

    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final Platform platform;
    private final Map<String, Connection> connections = new LinkedHashMap<>();
    private final Map<String, String[]> tokens = new ConcurrentHashMap<>();
    /** Put in every form and checked on every post: another site cannot drive the simulator through the person's browser. */
    private final String formToken = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private final HttpServer server;

    private ExternalSystems(Platform platform, int port) throws IOException {
        this.platform = platform;
        server = HttpServer.create(new InetSocketAddress(Net.LOOPBACK, port), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
    }

    /** Issues the connectors (as the demo's regional operator) and opens the page. */
    static ExternalSystems start(Platform platform, DemoFixture demo, int port) {
        try {
            ExternalSystems simulator = new ExternalSystems(platform, port == 0 ? Net.freePort() : port);
            DemoFixture.User operator = demo.users().stream().filter(u -> u.realmRoles() != null && u.realmRoles().contains("regional-operator"))
                    .findFirst().orElseThrow(() -> new StackException("fixtures/demo.json has no regional operator for the simulator"));
            BrowserSession session = new BrowserSession(URI.create(platform.gatewayUrl()));
            session.logIn(operator.username(), operator.password());
            for (String municipality : demo.municipalities()) {
                Template template = Template.of(municipality);
                if (!template.outsideChannels().isEmpty()) {
                    simulator.connections.put(municipality, simulator.issue(session, municipality, template));
                }
            }
            simulator.server.start();
            log.info("External systems simulator on {}", simulator.url());
            return simulator;
        } catch (IOException e) {
            throw new StackException("The external systems simulator did not start: " + e.getMessage(), e);
        }
    }

    String url() {
        return "http://" + Net.LOOPBACK + ":" + server.getAddress().getPort();
    }

    /** The connector «simulator» of the municipality: issued the first time, its secret renewed on every later start. */
    private Connection issue(BrowserSession operator, String municipality, Template template) {
        String base = "/api/platform/municipalities/" + municipality + "/connectors";
        String body = JSON.writeValueAsString(Map.of("name", "simulator", "channels", List.copyOf(template.outsideChannels().keySet())));
        BrowserSession.Page issued = operator.call("POST", base, body);
        if (issued.status() == 409) {
            issued = operator.call("POST", base + "/connector-" + municipality + "-simulator/secret", null);
        }
        if (issued.status() != 200 && issued.status() != 201) {
            throw new StackException("The simulator's connector for " + municipality + " was refused: HTTP " + issued.status() + " " + issued.body());
        }
        JsonNode credentials = JSON.readTree(issued.body());
        return new Connection(municipality, template.name(), template.outsideChannels(), credentials.path("clientId").asString(),
                credentials.path("clientSecret").asString());
    }

    // ---------------------------------------------------------------- the page

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            if ("GET".equals(exchange.getRequestMethod()) && "/".equals(path)) {
                Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
                respond(exchange, 200, page(query.get("done"), query.get("error")));
            } else if ("POST".equals(exchange.getRequestMethod()) && ("/send".equals(path) || "/act".equals(path))) {
                Map<String, String> form = form(new String(exchange.getRequestBody().readNBytes(64 * 1024), StandardCharsets.UTF_8));
                String outcome;
                if (!formToken.equals(form.get("token"))) {
                    outcome = "error=" + enc("Форма устарела: обновите страницу");
                } else {
                    outcome = "/send".equals(path) ? send(form) : act(form);
                }
                exchange.getResponseHeaders().add("Location", "/?" + outcome);
                exchange.sendResponseHeaders(303, -1);
                exchange.close();
            } else {
                respond(exchange, 404, "<!DOCTYPE html><html lang=\"ru\"><title>Нет такой страницы</title><p>Нет такой страницы. <a href=\"/\">К имитатору</a>");
            }
        } catch (RuntimeException e) {
            // Keycloak or core-service not answering: said on the page, not a dropped connection.
            log.warn("Simulator request failed", e);
            respond(exchange, 502, "<!DOCTYPE html><html lang=\"ru\"><title>Ошибка имитатора</title><p role=\"alert\">Платформа не ответила имитатору: "
                    + esc(e.getMessage()) + ". <a href=\"/\">Повторить</a>");
        }
    }

    /** A message in, as the channel's system sends it. */
    private String send(Map<String, String> form) {
        Connection connection = connections.get(form.getOrDefault("municipality", ""));
        if (connection == null || !connection.channels().containsKey(form.getOrDefault("channel", ""))) {
            return "error=" + enc("Выберите муниципалитет и канал из списка");
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("channel", form.get("channel"));
        message.put("externalId", "sim-" + UUID.randomUUID());
        message.put("receivedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        message.put("text", form.getOrDefault("text", ""));
        if (!form.getOrDefault("citizen", "").isBlank()) {
            message.put("citizen", Map.of("name", form.get("citizen")));
        }
        return outcome(post(connection, "/api/intake/messages", JSON.writeValueAsString(message)),
                "Сообщение отправлено в МЦУ: " + connection.name() + ", канал «" + connection.channels().get(form.get("channel")) + "»");
    }

    /** The outside party's step on a message, by its channel and external id. */
    private String act(Map<String, String> form) {
        Connection connection = connections.get(form.getOrDefault("municipality", ""));
        if (connection == null) {
            return "error=" + enc("Нет такого муниципалитета в имитаторе");
        }
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("by", form.get("by"));
        if (!form.getOrDefault("comment", "").isBlank()) {
            step.put("comment", form.get("comment"));
        }
        if (form.containsKey("version")) {
            step.put("version", Long.parseLong(form.get("version")));
        }
        String path = "/api/intake/messages/" + enc(form.getOrDefault("channel", "")) + "/" + enc(form.getOrDefault("externalId", ""))
                + "/actions/" + enc(form.getOrDefault("action", ""));
        return outcome(post(connection, path, JSON.writeValueAsString(step)), "Выполнено: «" + form.get("actionName") + "»");
    }

    /** The service's answer for the page: done, or its refusal's own words (a problem detail). */
    private static String outcome(HttpResponse<String> response, String done) {
        if (response.statusCode() / 100 == 2) {
            return "done=" + enc(done);
        }
        String detail = "HTTP " + response.statusCode();
        try {
            JsonNode problem = JSON.readTree(response.body());
            detail = problem.path("title").asString(detail) + ": " + problem.path("detail").asString("");
        } catch (RuntimeException notJson) {
            // Kept as the status alone.
        }
        return "error=" + enc(detail);
    }

    private String page(String done, String error) {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>ИМИТАТОР ВНЕШНИХ СИСТЕМ — МЦУ, локальный запуск</title>
                <style>
                  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1f1f1f; background: #fafafa; }
                  .banner { background: #ad4e00; color: #fff; padding: 16px 24px; }
                  .banner h1 { margin: 0 0 4px; font-size: 24px; letter-spacing: .5px; }
                  main { padding: 16px 24px; max-width: 1100px; }
                  section { background: #fff; border: 1px solid #d9d9d9; border-radius: 6px; padding: 12px 16px; margin-bottom: 16px; }
                  h2 { margin: 4px 0 8px; font-size: 20px; } h3 { font-size: 16px; margin: 12px 0 4px; }
                  table { border-collapse: collapse; width: 100%; } td, th { border-top: 1px solid #eee; padding: 6px; text-align: left; vertical-align: top; }
                  form.inline { display: inline-flex; gap: 6px; align-items: center; margin: 2px 0; flex-wrap: wrap; }
                  label { font-size: 14px; } input, select, textarea { font: inherit; padding: 4px 6px; }
                  button { font: inherit; padding: 4px 10px; cursor: pointer; }
                  .done { background: #f6ffed; border: 1px solid #b7eb8f; padding: 8px 12px; }
                  .error { background: #fff1f0; border: 1px solid #ffa39e; padding: 8px 12px; }
                  .muted { color: #595959; }
                </style></head><body>
                <header class="banner" role="banner"><h1>ИМИТАТОР ВНЕШНИХ СИСТЕМ</h1>
                <div>Только для демонстрации в локальном запуске. Здесь действуют те, кто в жизни работает не в МЦУ:
                кураторы ЦУР в «Инцидент менеджмент», модерация платформ-источников, жители. Всё идёт через машинный API
                подключений, как у настоящих систем; в продуктиве этой страницы нет.</div></header><main>
                """);
        if (done != null) {
            html.append("<p class=\"done\" role=\"status\">").append(esc(done)).append("</p>");
        }
        if (error != null) {
            html.append("<p class=\"error\" role=\"alert\">").append(esc(error)).append("</p>");
        }
        for (Connection connection : connections.values()) {
            html.append("<section aria-labelledby=\"m-").append(connection.municipality()).append("\"><h2 id=\"m-")
                    .append(connection.municipality()).append("\">").append(esc(connection.name())).append("</h2>");
            html.append(sendForm(connection));
            html.append(waiting(connection));
            html.append("</section>");
        }
        return html.append("</main></body></html>").toString();
    }

    private String sendForm(Connection connection) {
        String id = connection.municipality();
        StringBuilder options = new StringBuilder();
        connection.channels().forEach((code, name) -> options.append("<option value=\"").append(esc(code)).append("\">").append(esc(name)).append("</option>"));
        return "<h3>Новое сообщение из внешней системы</h3><form class=\"inline\" method=\"post\" action=\"/send\">" + hidden("token", formToken)
                + hidden("municipality", id)
                + "<label for=\"channel-" + id + "\">Канал</label><select id=\"channel-" + id + "\" name=\"channel\">" + options + "</select>"
                + "<label for=\"text-" + id + "\">Текст</label><input id=\"text-" + id + "\" name=\"text\" size=\"40\" required maxlength=\"2000\">"
                + "<label for=\"citizen-" + id + "\">Заявитель</label><input id=\"citizen-" + id + "\" name=\"citizen\" maxlength=\"300\">"
                + "<button type=\"submit\">Отправить в МЦУ</button></form>";
    }

    /** The connector's work list: what waits on an outside party now, with a button per step. */
    private String waiting(Connection connection) {
        HttpResponse<String> response = get(connection, "/api/intake/messages/awaiting?limit=100");
        if (response.statusCode() != 200) {
            return "<p class=\"error\">Список не получен: HTTP " + response.statusCode() + "</p>";
        }
        JsonNode items = JSON.readTree(response.body());
        if (items.isEmpty()) {
            return "<h3>Ждут внешней стороны</h3><p class=\"muted\">Сейчас ничего не ждёт ЦУР, платформу-источник или жителя.</p>";
        }
        StringBuilder rows = new StringBuilder("<h3>Ждут внешней стороны</h3><table><thead><tr><th>Канал</th><th>Сообщение</th><th>Состояние</th>"
                + "<th>Действия внешней стороны</th></tr></thead><tbody>");
        for (JsonNode item : items) {
            rows.append("<tr><td>").append(esc(connection.channels().getOrDefault(item.path("channel").asString(), item.path("channel").asString())))
                    .append("</td><td>").append(esc(item.path("text").asString())).append("<br><span class=\"muted\">")
                    .append(esc(item.path("externalId").asString())).append("</span></td><td>").append(esc(item.path("stateName").asString()))
                    .append("</td><td>");
            for (JsonNode step : item.path("steps")) {
                rows.append(stepForm(connection, item, step));
            }
            rows.append("</td></tr>");
        }
        return rows.append("</tbody></table>").toString();
    }

    private String stepForm(Connection connection, JsonNode item, JsonNode step) {
        String action = step.path("action").asString();
        String by = step.path("by").asString();
        String name = actionName(action) + " (" + partyName(by) + ")";
        boolean commentRequired = step.path("requires").valueStream().anyMatch(r -> "comment".equals(r.asString()));
        String field = "c-" + item.path("id").asString() + "-" + action + "-" + by;
        return "<form class=\"inline\" method=\"post\" action=\"/act\">" + hidden("token", formToken)
                + hidden("municipality", connection.municipality()) + hidden("channel", item.path("channel").asString())
                + hidden("externalId", item.path("externalId").asString()) + hidden("action", action) + hidden("by", by)
                + hidden("version", item.path("version").asString()) + hidden("actionName", name)
                + "<label for=\"" + field + "\">Комментарий" + (commentRequired ? " (обязателен)" : "") + "</label>"
                + "<input id=\"" + field + "\" name=\"comment\" maxlength=\"1000\"" + (commentRequired ? " required" : "") + ">"
                + "<button type=\"submit\">" + esc(name) + "</button></form><br>";
    }

    /** Russian names of the outside steps the templates use; an unknown one is shown by its code. */
    private static String actionName(String action) {
        return switch (action) {
            case "forward" -> "Направить в МЦУ";
            case "approve" -> "Согласовать";
            case "reject" -> "Отклонить";
            case "return-for-rework" -> "Вернуть на доработку";
            case "start-satisfaction-check" -> "Отправить на оценку удовлетворённости";
            case "reopen" -> "Вернуть в работу";
            case "accept" -> "Принять";
            case "register" -> "Зарегистрировать";
            case "publish" -> "Опубликовать";
            default -> action;
        };
    }

    private static String partyName(String by) {
        return switch (by) {
            case "regional-centre" -> "ЦУР";
            case "source-platform" -> "платформа-источник";
            case "citizen" -> "житель";
            case "moderator" -> "модератор";
            default -> by;
        };
    }

    // ---------------------------------------------------------------- the machine API

    private HttpResponse<String> post(Connection connection, String path, String json) {
        return call(connection, HttpRequest.newBuilder(URI.create(platform.coreUrl() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> get(Connection connection, String path) {
        return call(connection, HttpRequest.newBuilder(URI.create(platform.coreUrl() + path)).GET());
    }

    private HttpResponse<String> call(Connection connection, HttpRequest.Builder request) {
        try {
            return http.send(request.header("Authorization", "Bearer " + token(connection)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new StackException("core-service did not answer the simulator: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted", e);
        }
    }

    /** The connector's client-credentials token, asked for again a minute before Keycloak's five minutes run out. */
    private String token(Connection connection) throws IOException, InterruptedException {
        String[] held = tokens.get(connection.clientId());
        if (held != null && Instant.parse(held[1]).isAfter(Instant.now())) {
            return held[0];
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(platform.issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&client_id=" + enc(connection.clientId()) + "&client_secret=" + enc(connection.clientSecret())))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new StackException("Keycloak refused the simulator's connector " + connection.clientId() + ": " + response.body());
        }
        JsonNode token = JSON.readTree(response.body());
        String value = token.path("access_token").asString();
        tokens.put(connection.clientId(), new String[] {value, Instant.now().plusSeconds(Math.max(30, token.path("expires_in").asInt(300) - 60)).toString()});
        return value;
    }

    // ---------------------------------------------------------------- small helpers

    /** What the simulator reads from a municipality's template: its name and the channels whose regulation has outside steps. */
    private record Template(String name, Map<String, String> outsideChannels) {
        @SuppressWarnings("unchecked")
        static Template of(String municipality) {
            Map<String, Object> template = ShippedTemplate.load(municipality);
            Set<String> outside = new java.util.HashSet<>();
            for (Map<String, Object> regulation : (List<Map<String, Object>>) template.getOrDefault("regulations", List.of())) {
                for (Map<String, Object> step : (List<Map<String, Object>>) regulation.getOrDefault("transitions", List.of())) {
                    if (step.get("by") != null && !INSIDE.contains(String.valueOf(step.get("by")))) {
                        outside.add(String.valueOf(regulation.get("code")));
                    }
                }
            }
            Map<String, String> channels = new LinkedHashMap<>();
            for (Map<String, Object> channel : (List<Map<String, Object>>) template.getOrDefault("channels", List.of())) {
                if (outside.contains(String.valueOf(channel.get("regulation")))) {
                    channels.put(String.valueOf(channel.get("code")), String.valueOf(channel.get("name")));
                }
            }
            Map<String, Object> profile = (Map<String, Object>) template.getOrDefault("profile", Map.of());
            return new Template(String.valueOf(profile.getOrDefault("officialName", municipality)), channels);
        }
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + esc(value) + "\">";
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            values.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static void respond(HttpExchange exchange, int status, String html) throws IOException {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().add("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
        exchange.sendResponseHeaders(status, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
