package ru.mcu.core.roadmap;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import ru.mcu.core.shared.Actor;
import ru.mcu.core.shared.Refusal;
import ru.mcu.core.shared.Staff;
import ru.mcu.core.tenant.TenantConfiguration;
import ru.mcu.core.tenant.TenantStatuses;

/** Roadmaps: made and moved by roles with roadmap.manage, read by those with roadmap.view, approved by the template's approvers. */
@RestController
@RequestMapping("/api/roadmaps")
class RoadmapController {
    record Progress(String status, String doneOn) {
    }

    /** Who may own a measure, by kind (code → name, in the template's order). */
    record Owners(java.util.Map<String, String> recipient, java.util.Map<String, String> block, java.util.Map<String, String> role) {
    }

    private final Roadmaps roadmaps;
    private final TenantStatuses tenants;

    RoadmapController(Roadmaps roadmaps, TenantStatuses tenants) {
        this.roadmaps = roadmaps;
        this.tenants = tenants;
    }

    @GetMapping
    List<Roadmaps.RoadmapView> all(@AuthenticationPrincipal Jwt token) {
        TenantConfiguration config = tenants.current();
        readable(token, config);
        return roadmaps.all(config);
    }

    /** The form's choices of owner: the template's responsible recipients, sector blocks and roles. */
    @GetMapping("/owners")
    Owners owners(@AuthenticationPrincipal Jwt token) {
        TenantConfiguration config = tenants.current();
        managing(token, config);
        return new Owners(Roadmaps.owners(config, "recipient"), Roadmaps.owners(config, "block"), Roadmaps.owners(config, "role"));
    }

    @GetMapping("/{id}")
    Roadmaps.RoadmapView get(@PathVariable UUID id, @AuthenticationPrincipal Jwt token) {
        TenantConfiguration config = tenants.current();
        readable(token, config);
        return roadmaps.get(config, id);
    }

    @PostMapping
    ResponseEntity<Roadmaps.RoadmapView> create(@RequestBody(required = false) Roadmaps.NewRoadmap body, @AuthenticationPrincipal Jwt token) {
        TenantConfiguration config = tenants.current();
        Actor actor = managing(token, config);
        if (body == null) {
            throw Refusal.invalid("title", "Укажите название, первопричину, категорию, территорию и меры дорожной карты");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(roadmaps.create(config, actor, body));
    }

    @PostMapping("/{id}/approve")
    Roadmaps.RoadmapView approve(@PathVariable UUID id, @AuthenticationPrincipal Jwt token) {
        TenantConfiguration config = tenants.current();
        return roadmaps.approve(config, Staff.of(token, config), id);
    }

    @PutMapping("/{id}/measures/{measureId}")
    Roadmaps.RoadmapView progress(@PathVariable UUID id, @PathVariable UUID measureId, @RequestBody(required = false) Progress body,
                                  @AuthenticationPrincipal Jwt token) {
        TenantConfiguration config = tenants.current();
        managing(token, config);
        return roadmaps.progress(config, id, measureId, body == null ? null : body.status(), body == null ? null : body.doneOn());
    }

    private static Actor managing(Jwt token, TenantConfiguration config) {
        Staff.requireAny(token, config, Set.of("roadmap.manage"), "Дорожные карты составляют и ведут роли с правом roadmap.manage");
        return Staff.of(token, config);
    }

    /** Readers: roadmap.view or roadmap.manage, and the roles that approve roadmaps. */
    private static void readable(Jwt token, TenantConfiguration config) {
        Actor actor = Staff.of(token, config);
        if (actor.roles().stream().anyMatch(config.roadmapApprovers()::contains)) {
            return;
        }
        Set<String> any = new HashSet<>(Set.of("roadmap.view", "roadmap.manage"));
        Staff.requireAny(token, config, any, "Дорожные карты видят роли с правом roadmap.view или roadmap.manage");
    }
}
