package ru.mcu.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The map's tile source as configuration: what the page is told, and what it is allowed to fetch. */
class MapTilesTest {
    @Test
    void noTilesByDefaultAndTheirOriginOnlyWhenConfigured() {
        MapTiles none = new MapTiles("", "");
        assertThat(none.url()).isNull();
        assertThat(none.origin()).isNull();
        MapTiles tiles = new MapTiles("https://tiles.example.ru:8443/osm/{z}/{x}/{y}.png", "© участники OpenStreetMap");
        assertThat(tiles.url()).isEqualTo("https://tiles.example.ru:8443/osm/{z}/{x}/{y}.png");
        assertThat(tiles.origin()).isEqualTo("https://tiles.example.ru:8443");
        assertThat(tiles.attribution()).isEqualTo("© участники OpenStreetMap");
    }

    @Test
    void aTemplateTheMapCouldNotUseStopsTheGatewayWithTheReason() {
        assertThatThrownBy(() -> new MapTiles("https://tiles.example.ru/osm/tile.png", "")).hasMessageContaining("{z}, {x} and {y}");
        assertThatThrownBy(() -> new MapTiles("ftp://tiles.example.ru/{z}/{x}/{y}.png", "")).hasMessageContaining("http(s)");
    }
}
