package ru.mcu.core;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * core-service: each municipality's messages and appeals. Each package under this one is a feature,
 * an application module (ModularityTest verifies their boundaries); shared holds what several use.
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
