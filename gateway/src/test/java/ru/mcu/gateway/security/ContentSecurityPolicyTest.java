package ru.mcu.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The page may fetch from the gateway only, and from the tile server when one is configured. */
class ContentSecurityPolicyTest {
    @Test
    void theTileServerJoinsImagesAndConnectionsAndNothingElse() {
        assertThat(SecurityConfig.contentSecurityPolicy(null)).contains("connect-src 'self';").contains("img-src 'self' data: blob:;")
                .doesNotContain("https:");
        String withTiles = SecurityConfig.contentSecurityPolicy("https://tiles.example.ru");
        assertThat(withTiles).contains("connect-src 'self' https://tiles.example.ru;").contains("img-src 'self' data: blob: https://tiles.example.ru;")
                .contains("script-src 'self';");
    }
}
