package ru.mcu.platform.localrun;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import ru.mcu.platform.stack.Databases;
import ru.mcu.platform.stack.KeycloakAdmin;
import ru.mcu.platform.stack.KeycloakServer;
import ru.mcu.platform.stack.PlatformRealm;
import ru.mcu.platform.stack.StackException;

/**
 * The local run's demo data (fixtures/demo.json): municipalities as tenants and Keycloak
 * organizations, and a user for each persona. Applying it twice changes nothing.
 */
record DemoFixture(List<Municipality> municipalities, List<User> users) {
    record Municipality(String id, String name, String region) {
    }

    record User(String username, String password, String firstName, String lastName, String email,
                String municipality, List<String> realmRoles) {
    }

    static DemoFixture load() {
        try (InputStream in = DemoFixture.class.getResourceAsStream("/fixtures/demo.json")) {
            return JsonMapper.builder().disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build().readValue(in, DemoFixture.class);
        } catch (IOException e) {
            throw new StackException("Cannot read fixtures/demo.json: " + e.getMessage(), e);
        }
    }

    void apply(KeycloakServer keycloak, Databases.Credentials tenantOwner) {
        KeycloakAdmin admin = new KeycloakAdmin(keycloak, PlatformRealm.REALM);
        try (Connection c = DriverManager.getConnection(tenantOwner.url(), tenantOwner.username(), tenantOwner.password());
             PreparedStatement insert = c.prepareStatement("insert into tenant (id, name, region, status, created_at) "
                     + "values (?, ?, ?, 'ACTIVE', now()) on conflict (id) do nothing")) {
            for (Municipality m : municipalities) {
                insert.setString(1, m.id());
                insert.setString(2, m.name());
                insert.setString(3, m.region());
                insert.executeUpdate();
                admin.ensureOrganization(m.id(), m.name());
            }
        } catch (SQLException e) {
            throw new StackException("Cannot register the demo municipalities: " + e.getMessage(), e);
        }
        for (User u : users) {
            String id = admin.ensureUser(u.username(), u.password(), u.firstName(), u.lastName(), u.email());
            admin.grantRealmRoles(id, u.realmRoles());
            if (u.municipality() != null) {
                admin.addMember(admin.organizationId(u.municipality()).orElseThrow(), id);
            }
        }
    }
}
