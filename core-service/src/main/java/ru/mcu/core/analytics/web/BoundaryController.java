package ru.mcu.core.analytics.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;

import ru.mcu.core.analytics.Boundaries;
import ru.mcu.platform.tenancy.PlatformToken;

/**
 * The regional operator's outlines of a region's municipalities (realm role regional-operator; the
 * security chain admits no one else here): what is loaded, and a GeoJSON file to replace it.
 */
@RestController
@RequestMapping("/api/boundaries/regions/{region}")
class BoundaryController {
    private final Boundaries boundaries;

    BoundaryController(Boundaries boundaries) {
        this.boundaries = boundaries;
    }

    @GetMapping
    Boundaries.RegionBoundaries of(@PathVariable String region) {
        return boundaries.of(RegionalController.regionCode(region));
    }

    @PutMapping(consumes = {"application/geo+json", "application/json"})
    Boundaries.RegionBoundaries replace(@PathVariable String region, @RequestBody JsonNode collection, @AuthenticationPrincipal Jwt token) {
        return boundaries.replace(RegionalController.regionCode(region), collection, PlatformToken.username(token));
    }
}
