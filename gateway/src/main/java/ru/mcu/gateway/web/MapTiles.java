package ru.mcu.gateway.web;

import java.net.URI;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The map's base layer, as configuration: a raster tile URL template ({@code mcu.map.tiles}, e.g.
 * {@code https://tiles.example.ru/{z}/{x}/{y}.png}) and its attribution. None by default: the map
 * then shows its points on a plain background. A template without {z}, {x} and {y}, or not http(s),
 * stops the gateway at start with the reason, rather than showing an empty map.
 */
@Component
public class MapTiles {
    private final String url;
    private final String attribution;

    MapTiles(@Value("${mcu.map.tiles:}") String url, @Value("${mcu.map.attribution:}") String attribution) {
        this.url = url == null || url.isBlank() ? null : checked(url.trim());
        this.attribution = attribution == null || attribution.isBlank() ? null : attribution.trim();
    }

    public String url() {
        return url;
    }

    public String attribution() {
        return attribution;
    }

    /** Where tiles come from, for the page's content security policy; none without tiles. */
    public String origin() {
        if (url == null) {
            return null;
        }
        URI uri = URI.create(url.replace("{z}", "0").replace("{x}", "0").replace("{y}", "0"));
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    static String checked(String url) {
        if (!url.contains("{z}") || !url.contains("{x}") || !url.contains("{y}")) {
            throw new IllegalStateException("mcu.map.tiles: a tile URL template needs {z}, {x} and {y}, got " + url);
        }
        URI uri;
        try {
            uri = URI.create(url.replace("{z}", "0").replace("{x}", "0").replace("{y}", "0"));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("mcu.map.tiles: not a URL: " + url, e);
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getRawAuthority() == null) {
            throw new IllegalStateException("mcu.map.tiles: tiles come over http(s) from a host, got " + url);
        }
        return url;
    }
}
