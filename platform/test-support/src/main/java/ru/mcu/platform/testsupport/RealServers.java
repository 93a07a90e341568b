package ru.mcu.platform.testsupport;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import ru.mcu.platform.stack.Databases;
import ru.mcu.platform.stack.Servers;

/**
 * Real PostgreSQL and Redis for a Spring context test, started once per test JVM and stopped when
 * it exits. The service connects as its application role (subject to row-level security) and
 * migrates as the owner, exactly as in production. The database is named after the application:
 * {@code core-service} uses {@code core}.
 * <p>Use: {@code @SpringBootTest @ContextConfiguration(initializers = RealServers.class)}.
 */
public class RealServers implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    private static Servers servers;

    public static synchronized Servers servers() {
        if (servers == null) {
            servers = Servers.start(Servers.Options.forTests(Path.of("target", "test-servers-" + ProcessHandle.current().pid()), false));
            Runtime.getRuntime().addShutdownHook(new Thread(servers::close, "stop-test-servers"));
        }
        return servers;
    }

    public static Databases.ServiceDatabase database(String name) {
        return Databases.provision(servers().postgres(), servers().secrets(), name);
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String application = context.getEnvironment().getRequiredProperty("spring.application.name");
        Databases.ServiceDatabase db = database(application.replace("-service", ""));
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.datasource.url", db.app().url());
        properties.put("spring.datasource.username", db.app().username());
        properties.put("spring.datasource.password", db.app().password());
        properties.put("spring.liquibase.user", db.owner().username());
        properties.put("spring.liquibase.password", db.owner().password());
        properties.put("spring.data.redis.host", servers().redis().host());
        properties.put("spring.data.redis.port", servers().redis().port());
        properties.put("spring.data.redis.password", servers().redis().password());
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("real-servers", properties));
    }
}
