package ru.mcu.gateway.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the web application needs to know of this deployment's configuration: the map's base layer. */
@RestController
class UiConfigController {
    private final MapTiles tiles;

    UiConfigController(MapTiles tiles) {
        this.tiles = tiles;
    }

    @GetMapping("/api/ui/config")
    Map<String, Object> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("mapTiles", tiles.url());
        config.put("mapAttribution", tiles.attribution());
        return config;
    }
}
