package ru.mcu.tenant.municipality;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A municipality: one tenant of the platform. Its id is the slug, which is also the alias of its
 * Keycloak organization and so the {@code organization} claim of its staff's tokens.
 */
@Entity
@Table(name = "tenant")
public class Municipality {
    /** Lifecycle of a tenant; its staff work only while it is active. */
    public enum Status { ONBOARDING, FAILED, ACTIVE, SUSPENDED }

    @Id
    private String id;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String region;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Municipality() {
    }

    public Municipality(String id, String name, String region, Instant createdAt) {
        this.id = id;
        this.name = name;
        this.region = region;
        this.status = Status.ACTIVE;
        this.createdAt = createdAt;
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getRegion() {
        return region;
    }

    public Status getStatus() {
        return status;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
