package ru.mcu.core;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * core-service: each municipality's messages and appeals. Each package directly under this one is an
 * application module (ModularityTest verifies their boundaries): a feature, the working-time engine,
 * or shared, what several features use.
 */
@SpringBootApplication
@Modulithic(sharedModules = "shared")
@EnableScheduling
public class CoreApplication {
    public static void main(String[] args) {
        SpringApplication.run(CoreApplication.class, args);
    }

    /** One clock for every "now": deadlines, the audit trail and intake's future check agree. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
