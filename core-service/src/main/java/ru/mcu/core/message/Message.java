package ru.mcu.core.message;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.TenantId;

import ru.mcu.core.shared.Actor;
import ru.mcu.core.tenant.TenantConfiguration;

/**
 * A citizen's message (сообщение) or appeal under 59-ФЗ (обращение), owned by one municipality,
 * at some state of its regulation. Intake writes new ones in batches (see {@link Intake}); the
 * workflow changes one at a time, guarded by its version.
 */
@Entity
@Table(name = "message")
public class Message {
    @Id
    private UUID id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;

    private String kind;
    private String channel;
    @Column(name = "external_id")
    private String externalId;
    @Column(name = "external_url")
    private String externalUrl;
    @Column(name = "received_at")
    private Instant receivedAt;
    @Column(name = "citizen_name")
    private String citizenName;
    @Column(name = "citizen_phone")
    private String citizenPhone;
    @Column(name = "citizen_email")
    private String citizenEmail;
    @Column(nullable = false)
    private String text;
    private String territory;
    private String address;
    private Double latitude;
    private Double longitude;
    private String category;
    private String subcategory;
    private String block;
    private String recipient;
    private String executor;
    private String regulation;
    private String state;
    @Column(name = "final")
    private boolean isFinal;
    @Column(name = "result_status")
    private String resultStatus;
    private String answer;
    @Column(name = "source_due_at")
    private Instant sourceDueAt;
    @Column(name = "due_kind")
    private String dueKind;
    @Column(name = "due_at")
    private Instant dueAt;
    @Column(name = "paused_at")
    private Instant pausedAt;
    private boolean extended;
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;
    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;
    @Column(name = "updated_at")
    private Instant updatedAt;
    /** When it last reached a final state (null while open). */
    @Column(name = "closed_at")
    private Instant closedAt;
    /** One of the template's priorities, or none; it selects the deadline policies written for it. */
    private String priority;

    @Version
    private Long version;

    protected Message() {
    }

    void moveTo(String state, boolean isFinal, Instant at) {
        this.state = state;
        this.isFinal = isFinal;
        this.closedAt = isFinal ? at : null;
        touch(at);
    }

    void touch(Instant at) {
        this.updatedAt = at;
    }

    void assign(String executor, String recipient) {
        if (executor != null) {
            this.executor = executor;
        }
        if (recipient != null) {
            this.recipient = recipient;
        }
    }

    void categorize(String category, String subcategory, String block) {
        this.category = category;
        this.subcategory = subcategory;
        if (block != null) {
            this.block = block;
        }
    }

    void answer(String answer, String resultStatus) {
        if (answer != null) {
            this.answer = answer;
        }
        if (resultStatus != null) {
            this.resultStatus = resultStatus;
        }
    }

    /** The nearest open deadline, which lists sort and filter by (the deadline table holds them all). */
    void due(java.util.Optional<ru.mcu.core.deadline.Deadlines.Running> nearest) {
        due(nearest.map(ru.mcu.core.deadline.Deadlines.Running::kind).orElse(null),
                nearest.map(ru.mcu.core.deadline.Deadlines.Running::dueAt).orElse(null));
    }

    void due(String kind, Instant at) {
        this.dueKind = kind;
        this.dueAt = at;
    }

    void pause(Instant at) {
        this.pausedAt = at;
    }

    void markExtended() {
        this.extended = true;
    }

    /** Roles with message.view see all messages; anyone sees those they execute. */
    public boolean visibleTo(Actor actor, TenantConfiguration config) {
        return config.permissionsOf(actor.roles()).contains("message.view") || actor.name().equals(executor);
    }

    /** Personal data only to roles the template grants it to, and to the executor who must contact the citizen. */
    public boolean personalDataVisibleTo(Actor actor, TenantConfiguration config) {
        return config.permissionsOf(actor.roles()).contains("message.view-personal-data") || actor.name().equals(executor);
    }

    /** The citizen can be told of their case: they left an e-mail address, and notices to citizens go by e-mail. */
    public boolean citizenReachable() {
        return citizenEmail != null;
    }

    public UUID getId() {
        return id;
    }

    public String getTenantId() {
        return tenantId;
    }

    public String getKind() {
        return kind;
    }

    public String getChannel() {
        return channel;
    }

    public String getExternalId() {
        return externalId;
    }

    public String getExternalUrl() {
        return externalUrl;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }

    public String getCitizenName() {
        return citizenName;
    }

    public String getCitizenPhone() {
        return citizenPhone;
    }

    public String getCitizenEmail() {
        return citizenEmail;
    }

    public String getText() {
        return text;
    }

    public String getTerritory() {
        return territory;
    }

    public String getAddress() {
        return address;
    }

    public Double getLatitude() {
        return latitude;
    }

    public Double getLongitude() {
        return longitude;
    }

    public String getCategory() {
        return category;
    }

    public String getSubcategory() {
        return subcategory;
    }

    public String getBlock() {
        return block;
    }

    public String getRecipient() {
        return recipient;
    }

    public String getExecutor() {
        return executor;
    }

    public String getRegulation() {
        return regulation;
    }

    public String getState() {
        return state;
    }

    public boolean isFinal() {
        return isFinal;
    }

    public String getPriority() {
        return priority;
    }

    public Instant getClosedAt() {
        return closedAt;
    }

    public String getResultStatus() {
        return resultStatus;
    }

    public String getAnswer() {
        return answer;
    }

    public Instant getSourceDueAt() {
        return sourceDueAt;
    }

    public String getDueKind() {
        return dueKind;
    }

    public Instant getDueAt() {
        return dueAt;
    }

    public Instant getPausedAt() {
        return pausedAt;
    }

    public boolean isExtended() {
        return extended;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Long getVersion() {
        return version;
    }
}
