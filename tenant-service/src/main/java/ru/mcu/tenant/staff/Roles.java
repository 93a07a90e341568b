package ru.mcu.tenant.staff;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The municipality's roles as its current configuration defines them (read as the municipality,
 * under row-level security): their names and permissions.
 */
@Component
@Transactional(readOnly = true)
public class Roles {
    private final JdbcTemplate jdbc;

    Roles(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A role of the template: its code, name and permissions. */
    public record Role(String code, String name, Set<String> permissions) {
    }

    /** The template's roles, in its order. */
    public List<Role> all() {
        Map<String, Role> roles = new LinkedHashMap<>();
        // One row per role and permission (a role with none still gives one row, its permission null), in the template's order.
        jdbc.query("select r.value->>'code' as code, r.value->>'name' as name, p.value as permission from (select config from tenant_configuration "
                + "order by version desc limit 1) c cross join lateral jsonb_array_elements(c.config->'roles') with ordinality r "
                + "left join lateral jsonb_array_elements_text(r.value->'permissions') p on true order by r.ordinality", rs -> {
            String code = rs.getString("code");
            String name = rs.getString("name");
            Role role = roles.computeIfAbsent(code, c -> new Role(c, name, new java.util.LinkedHashSet<>()));
            if (rs.getString("permission") != null) {
                role.permissions().add(rs.getString("permission"));
            }
        });
        return List.copyOf(roles.values());
    }

    /** Role code → its permissions, in the template's order. */
    public Map<String, Set<String>> permissions() {
        Map<String, Set<String>> permissions = new LinkedHashMap<>();
        all().forEach(role -> permissions.put(role.code(), role.permissions()));
        return permissions;
    }

    /** Whether any of these roles grants the permission. */
    public boolean grant(List<String> held, String permission) {
        Map<String, Set<String>> all = permissions();
        return held.stream().anyMatch(role -> all.getOrDefault(role, Set.of()).contains(permission));
    }
}
