package ru.mcu.platform.tenancy;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CurrentTenantTest {
    @Test
    void workCarryingItsTenantRunsOnlyWhereThatTenantIsBound() {
        CurrentTenant.run("ishim", () -> assertThatCode(() -> CurrentTenant.requireSame("ishim")).doesNotThrowAnyException());
        CurrentTenant.run("ishim", () -> assertThatThrownBy(() -> CurrentTenant.requireSame("barnaul"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("barnaul").hasMessageContaining("ishim"));
        assertThatThrownBy(() -> CurrentTenant.requireSame("ishim")).isInstanceOf(MissingTenantException.class);
    }
}
