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

    /** Role code → its permissions, in the template's order. */
    public Map<String, Set<String>> permissions() {
        Map<String, Set<String>> roles = new LinkedHashMap<>();
        jdbc.query("select r->>'code' as code, r->'permissions' as permissions from (select config from tenant_configuration "
                + "order by version desc limit 1) c, jsonb_array_elements(c.config->'roles') r", rs -> {
            Set<String> granted = new java.util.LinkedHashSet<>();
            String list = rs.getString("permissions");
            if (list != null) {
                for (String p : list.replaceAll("[\\[\\]\" ]", "").split(",")) {
                    if (!p.isBlank()) {
                        granted.add(p);
                    }
                }
            }
            roles.put(rs.getString("code"), granted);
        });
        return roles;
    }

    /** Whether any of these roles grants the permission. */
    public boolean grant(List<String> held, String permission) {
        Map<String, Set<String>> all = permissions();
        return held.stream().anyMatch(role -> all.getOrDefault(role, Set.of()).contains(permission));
    }
}
