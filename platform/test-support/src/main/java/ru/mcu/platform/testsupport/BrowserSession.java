package ru.mcu.platform.testsupport;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser without a browser: keeps cookies, follows redirects one by one, and logs in through
 * the gateway's OAuth2 flow by submitting Keycloak's real login form. Only the session cookie ever
 * reaches it, as it would a browser.
 */
public final class BrowserSession {
    private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*\\bid=\"kc-form-login\"[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ACTION = Pattern.compile("\\baction=\"([^\"]+)\"");

    /** A response as a page script would see it, with the address it finally came from. */
    public record Page(int status, URI uri, HttpHeaders headers, String body) {
    }

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new LoopbackIsSecure(cookies))
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final URI gateway;

    public BrowserSession(URI gateway) {
        this.gateway = gateway;
    }

    /**
     * Opens the gateway, is sent to Keycloak, submits the credentials, and follows the redirects home.
     * The platform's login theme asks for both on one form; a two-page login (Keycloak's own
     * identity-first step) works too. A refusal shown next to a field is returned as it is.
     */
    public Page logIn(String username, String password) {
        return logIn(username, password, null);
    }

    /**
     * The same for a person in several municipalities: Keycloak asks which organization to sign in
     * to (after the username, before the password), and this one is chosen.
     */
    public Page logIn(String username, String password, String organization) {
        Page page = open("/");
        for (int step = 0; step < 4; step++) {
            if (page.body().contains("name=\"kc.org\"")) {
                if (organization == null || !page.body().contains("value=\"" + organization + "\"")) {
                    throw new IllegalStateException("Keycloak asks " + username + " to choose an organization; choose one it offers, not "
                            + organization);
                }
                Matcher choice = ACTION.matcher(page.body().substring(page.body().indexOf("<form")));
                if (!choice.find()) {
                    throw new IllegalStateException("Keycloak's organization choice has no action");
                }
                page = follow(HttpRequest.newBuilder(page.uri().resolve(choice.group(1).replace("&amp;", "&")))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("kc.org=" + enc(organization))).build());
                continue;
            }
            Matcher form = LOGIN_FORM.matcher(page.body());
            if (step > 0 && form.find(0) && (page.body().contains("id=\"input-error\"") || page.body().contains("role=\"alert\""))) {
                // The form again with a refusal, next to its field (a wrong password) or above it (a disabled account): Keycloak's answer.
                return page;
            }
            if (!form.find(0)) {
                if (step == 0) {
                    throw new IllegalStateException("Expected Keycloak's login form at " + page.uri() + ", got HTTP "
                            + page.status() + ": " + abbreviate(page.body()));
                }
                return page;
            }
            Matcher action = ACTION.matcher(form.group());
            if (!action.find()) {
                throw new IllegalStateException("Keycloak's login form has no action: " + form.group());
            }
            URI submit = page.uri().resolve(action.group(1).replace("&amp;", "&"));
            String credentials = "username=" + enc(username) + "&password=" + enc(password) + "&credentialId=";
            page = follow(HttpRequest.newBuilder(submit).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(credentials)).build());
        }
        throw new IllegalStateException("Keycloak still shows its login form after 4 steps for " + username + ": "
                + abbreviate(page.body().replaceAll("(?s).*id=\"input-error[^>]*>", "")));
    }

    /** A page navigation: GET that follows redirects wherever they lead. */
    public Page open(String path) {
        return follow(HttpRequest.newBuilder(gateway.resolve(path)).header("Accept", "text/html").GET().build());
    }

    /** An API call the page's script would make (with the CSRF header), not following redirects; extra headers as name, value pairs. */
    public Page call(String method, String path, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        xsrfToken().ifPresent(token -> request.header("X-XSRF-TOKEN", token));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    public Optional<String> xsrfToken() {
        return cookie("XSRF-TOKEN").map(HttpCookie::getValue);
    }

    public Optional<HttpCookie> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).findFirst();
    }

    public void forgetCookie(String name) {
        cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).toList()
                .forEach(c -> cookies.getCookieStore().getURIs().forEach(uri -> cookies.getCookieStore().remove(uri, c)));
    }

    /**
     * Browsers treat http://localhost as a secure context and send it Secure cookies (Keycloak sets
     * some); java.net's cookie store does not, so on loopback we drop the flag as a browser would.
     */
    private static final class LoopbackIsSecure extends java.net.CookieHandler {
        private static final Pattern SECURE = Pattern.compile(";\\s*Secure\\s*(?=;|$)", Pattern.CASE_INSENSITIVE);
        private final CookieManager store;

        LoopbackIsSecure(CookieManager store) {
            this.store = store;
        }

        @Override
        public java.util.Map<String, java.util.List<String>> get(URI uri, java.util.Map<String, java.util.List<String>> headers)
                throws IOException {
            return store.get(uri, headers);
        }

        @Override
        public void put(URI uri, java.util.Map<String, java.util.List<String>> headers) throws IOException {
            if (!java.util.Set.of("localhost", "127.0.0.1", "[::1]").contains(uri.getHost())) {
                store.put(uri, headers);
                return;
            }
            java.util.Map<String, java.util.List<String>> relaxed = new java.util.HashMap<>();
            headers.forEach((name, values) -> relaxed.put(name, name != null && name.equalsIgnoreCase("Set-Cookie")
                    ? values.stream().map(v -> SECURE.matcher(v).replaceAll("")).toList() : values));
            store.put(uri, relaxed);
        }
    }

    private Page follow(HttpRequest first) {
        HttpRequest request = first;
        for (int hop = 0; hop < 20; hop++) {
            Page page = send(request);
            if (page.status() < 300 || page.status() >= 400) {
                return page;
            }
            URI next = page.uri().resolve(page.headers().firstValue("Location").orElseThrow());
            request = HttpRequest.newBuilder(next).header("Accept", "text/html").GET().build();
        }
        throw new IllegalStateException("More than 20 redirects from " + first.uri());
    }

    private Page send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Page(response.statusCode(), response.uri(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("No answer from " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String body) {
        return body.length() > 500 ? body.substring(0, 500) + "…" : body;
    }
}
