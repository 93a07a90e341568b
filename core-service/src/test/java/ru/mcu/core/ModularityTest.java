package ru.mcu.core;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * core-service's features are application modules (ARCHITECTURE.md): each reaches another only
 * through what that one exposes, and no two depend on each other, directly or round a circle.
 */
class ModularityTest {
    static final ApplicationModules MODULES = ApplicationModules.of(CoreApplication.class);

    @Test
    void featuresKeepTheirBoundaries() {
        MODULES.verify();
    }

    /** The module map as PlantUML, for the docs: target/spring-modulith-docs. */
    @Test
    void writesTheModuleMap() {
        new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
