package ru.mcu.core.message.web;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.oauth2.jwt.Jwt;

import ru.mcu.core.shared.Actor;
import ru.mcu.platform.tenancy.PlatformToken;

/** Who calls, from the token, as the message endpoints need it: a channel connector, and what staff may see. */
final class Caller {
    private Caller() {
    }

    static Actor connector(Jwt token) {
        List<String> channels = token.getClaimAsStringList("mcu_channels");
        String client = token.getClaimAsString("azp") != null ? token.getClaimAsString("azp") : PlatformToken.username(token);
        return Actor.connector(client, channels == null ? Set.of() : new LinkedHashSet<>(channels));
    }
}
