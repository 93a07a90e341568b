package ru.mcu.platform.testsupport;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import ru.mcu.platform.stack.Databases;
import ru.mcu.platform.stack.Net;
import ru.mcu.platform.stack.PlatformRealm;
import ru.mcu.platform.stack.Servers;

/**
 * Real servers for a Spring context test, started once per test JVM and stopped when it exits:
 * <ul>
 * <li>Redis, always;</li>
 * <li>PostgreSQL, for an application that has a datasource: its database is named after the
 * application ({@code core-service} uses {@code core}); the service connects as its application
 * role (subject to row-level security) and migrates as the owner, exactly as in production;</li>
 * <li>Keycloak with the platform realm, when the JVM has {@code -Dmcu.test.keycloak=true}: the
 * application then logs users in as the gateway does, on a port chosen here, and tenant-service
 * manages organizations with its service account.</li>
 * </ul>
 * <p>Use: {@code @SpringBootTest @ContextConfiguration(initializers = RealServers.class)}.
 */
public class RealServers implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    private static Servers servers;

    public static synchronized Servers servers() {
        if (servers == null) {
            servers = Servers.start(Servers.Options.forTests(Path.of("target", "test-servers-" + ProcessHandle.current().pid()),
                    Boolean.getBoolean("mcu.test.keycloak")));
            Runtime.getRuntime().addShutdownHook(new Thread(servers::close, "stop-test-servers"));
            if (Boolean.getBoolean("mcu.test.keycloak")) {
                PlatformRealm.apply(servers.keycloak());
            }
        }
        return servers;
    }

    public static Databases.ServiceDatabase database(String name) {
        return Databases.provision(servers().postgres(), servers().secrets(), name);
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.data.redis.host", servers().redis().host());
        properties.put("spring.data.redis.port", servers().redis().port());
        properties.put("spring.data.redis.password", servers().redis().password());
        if (environment.containsProperty("spring.datasource.url")) {
            String application = environment.getRequiredProperty("spring.application.name");
            Databases.ServiceDatabase db = database(application.replace("-service", ""));
            properties.put("spring.datasource.url", db.app().url());
            properties.put("spring.datasource.username", db.app().username());
            properties.put("spring.datasource.password", db.app().password());
            properties.put("spring.liquibase.user", db.owner().username());
            properties.put("spring.liquibase.password", db.owner().password());
        }
        if (Boolean.getBoolean("mcu.test.keycloak")) {
            int port = Net.freePort();
            String issuer = servers().keycloak().issuer(PlatformRealm.REALM);
            properties.put("server.port", port);
            properties.put("MCU_ISSUER_URI", issuer);
            properties.put("MCU_GATEWAY_CLIENT_SECRET", PlatformRealm.prepare(servers().keycloak(), "http://localhost:" + port));
            properties.put("MCU_KEYCLOAK_ADMIN_CLIENT_SECRET", PlatformRealm.clientSecret(servers().keycloak(), PlatformRealm.TENANT_SERVICE_CLIENT));
        }
        environment.getPropertySources().addFirst(new MapPropertySource("real-servers", properties));
    }
}
