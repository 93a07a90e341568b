package ru.mcu.tenant.onboarding;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Client credentials for a municipality's channel connectors (ПОС, «Инцидент Менеджмент», a regional
 * platform, a municipal system): one Keycloak client per connector, limited to the channels of the
 * municipality's configuration it is issued for. The secret is shown once, at issue.
 */
@Service
public class Connectors {
    /** What the operator gets: the client id and secret to give the connector's owner, and where to post. */
    public record Issued(String clientId, String clientSecret, List<String> channels, String tokenEndpoint, String intake) {
    }

    private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9-]{0,39}$");

    private final KeycloakDirectory directory;
    private final Onboarding onboarding;
    private final ObjectMapper json;

    Connectors(KeycloakDirectory directory, Onboarding onboarding, ObjectMapper json) {
        this.directory = directory;
        this.onboarding = onboarding;
        this.json = json;
    }

    public Issued issue(String slug, String name, List<String> channels, String issuer) throws Exception {
        String status = onboarding.report(slug, null).status(); // 404 for a municipality that does not exist
        if (!status.equals("ACTIVE") && !status.equals("SUSPENDED")) {
            // Before its configuration is stored there are no channels to issue for.
            throw new OnboardingException.Conflict("Муниципалитет «" + slug + "» ещё не подключён (" + status + "): завершите подключение");
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new OnboardingException.BadRequest("name", "Имя подключения — латинские строчные буквы, цифры и дефис, до 40 знаков");
        }
        if (channels == null || channels.isEmpty()) {
            throw new OnboardingException.BadRequest("channels", "Укажите хотя бы один канал подключения");
        }
        Map<String, Object> latest = onboarding.latestConfiguration(slug);
        Set<String> known = new LinkedHashSet<>();
        for (JsonNode channel : json.readTree((String) latest.get("config")).path("channels")) {
            known.add(channel.path("code").asString());
        }
        List<String> unknown = new ArrayList<>(channels);
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new OnboardingException.UnknownChannels(unknown, known);
        }
        String clientId = "connector-" + slug + "-" + name;
        String secret = directory.createConnectorClient(clientId, slug, "Подключение канала: " + String.join(", ", channels), List.copyOf(channels));
        return new Issued(clientId, secret, List.copyOf(channels), issuer + "/protocol/openid-connect/token", "/api/intake/messages");
    }

    public List<String> issued(String slug) {
        onboarding.report(slug, null);
        return directory.connectorClients(slug);
    }

    /** A connector's new secret, shown this once; the old secret is refused from now on. */
    public Issued rotate(String slug, String clientId, String issuer) {
        String secret = directory.rotateConnectorSecret(issuedOf(slug, clientId));
        return new Issued(clientId, secret, List.of(), issuer + "/protocol/openid-connect/token", "/api/intake/messages");
    }

    /** Revokes a connector: Keycloak issues it no token any more (one already issued lives out its few minutes). */
    public void revoke(String slug, String clientId) {
        directory.deleteConnectorClient(issuedOf(slug, clientId));
    }

    /** Only a connector issued for this municipality; another's, or none, is not found (the same answer). */
    private String issuedOf(String slug, String clientId) {
        if (clientId == null || !issued(slug).contains(clientId)) {
            throw new ru.mcu.platform.problem.ApiRefusal(404, "connector-not-found", "Подключение не найдено",
                    "У муниципалитета «" + slug + "» нет подключения с таким идентификатором");
        }
        return clientId;
    }
}
