package ru.mcu.core.shared;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.oauth2.jwt.Jwt;

import ru.mcu.platform.tenancy.PlatformToken;

/** A channel connector as its token names it: its client, and the channels it was issued for. */
public final class Connectors {
    private Connectors() {
    }

    public static Actor of(Jwt token) {
        List<String> channels = token.getClaimAsStringList("mcu_channels");
        String client = token.getClaimAsString("azp") != null ? token.getClaimAsString("azp") : PlatformToken.username(token);
        return Actor.connector(client, channels == null ? Set.of() : new LinkedHashSet<>(channels));
    }
}
