package ru.mcu.core.message.web;

import java.util.Comparator;
import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import ru.mcu.core.shared.Staff;
import ru.mcu.core.tenant.StaffMembers;
import ru.mcu.core.tenant.TenantConfiguration;
import ru.mcu.core.tenant.TenantConfiguration.Named;
import ru.mcu.core.tenant.TenantStatuses;

/**
 * What the municipality's forms choose from, named as its template names them: blocks with their
 * categories and recipients, territories, priorities, each regulation's states and result statuses, and the
 * staff a message may be given to. The web application never hard-codes any of it.
 */
@RestController
class ReferenceController {
    record RegulationView(String code, String name, List<Named> states, List<String> resultStatuses) {
    }

    record Executor(String username, String name) {
    }

    record Reference(String municipality, String timeZone, List<TenantConfiguration.NamedBlock> blocks, List<Named> territories,
                     List<Named> priorities, List<RegulationView> regulations, List<Executor> executors) {
    }

    private final TenantStatuses tenants;
    private final StaffMembers staff;

    ReferenceController(TenantStatuses tenants, StaffMembers staff) {
        this.tenants = tenants;
        this.staff = staff;
    }

    @GetMapping("/api/messages/reference")
    Reference reference(@AuthenticationPrincipal Jwt token) {
        TenantConfiguration config = tenants.current();
        Staff.of(token, config);
        var eligible = config.executorRoles();
        List<Executor> executors = staff.members(config.slug()).values().stream()
                .filter(m -> m.active() && m.roles().stream().anyMatch(eligible::contains))
                .map(m -> new Executor(m.username(), m.shownName()))
                .sorted(Comparator.comparing(Executor::name)).toList();
        List<RegulationView> regulations = config.regulations().values().stream()
                .map(r -> new RegulationView(r.code(), r.name(), r.states().values().stream().map(st -> new Named(st.code(), st.name())).toList(),
                        r.allowedResultStatuses().stream().sorted().toList())).toList();
        List<Named> priorities = config.priorities().entrySet().stream().map(e -> new Named(e.getKey(), e.getValue())).toList();
        return new Reference(config.name(), config.zone().getId(), config.namedBlocks(), config.namedTerritories(), priorities,
                regulations, executors);
    }
}
