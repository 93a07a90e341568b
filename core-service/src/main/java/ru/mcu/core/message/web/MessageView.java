package ru.mcu.core.message.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import ru.mcu.core.message.Message;
import ru.mcu.core.tenant.TenantConfiguration;

/** A message as the API shows it; the citizen's personal data only to whoever may see it. */
record MessageView(UUID id, String kind, String channel, String channelName, String externalId, String externalUrl, Instant receivedAt,
                   CitizenView citizen, String text, String territory, String address, Double latitude, Double longitude, String category,
                   String subcategory, String priority, String block, String recipient, String executor, String regulation, String state, String stateName,
                   boolean isFinal, Instant closedAt, String resultStatus, String answer, Instant sourceDueAt, String dueKind, Instant dueAt, Instant pausedAt,
                   boolean overdue,
                   boolean extended, long version, Instant createdAt, String createdBy, List<Action> availableActions) {
    /** The citizen as the API shows them: contacts only where the role may see them, {@code hidden} where it may not. */
    record CitizenView(String name, String phone, String email, boolean hidden) {
        static final CitizenView HIDDEN = new CitizenView(null, null, null, true);
    }

    record Action(String action, String to, String toName, List<String> requires, String regulationPoint) {
    }

    static MessageView of(Message m, TenantConfiguration config, boolean personalData, Instant now,
                          List<TenantConfiguration.Transition> available) {
        var regulation = config.regulation(m.getRegulation());
        String stateName = config.stateName(m.getRegulation(), m.getState());
        List<Action> actions = available.stream().map(t -> {
            String to = "same".equals(t.to()) ? m.getState() : t.to();
            return new Action(t.action(), to, regulation.map(r -> r.state(to)).map(TenantConfiguration.State::name).orElse(to),
                    List.copyOf(t.requires()), t.source());
        }).toList();
        return new MessageView(m.getId(), m.getKind(), m.getChannel(),
                config.channel(m.getChannel()).map(TenantConfiguration.Channel::name).orElse(m.getChannel()), m.getExternalId(),
                m.getExternalUrl(), m.getReceivedAt(),
                personalData ? new CitizenView(m.getCitizenName(), m.getCitizenPhone(), m.getCitizenEmail(), false) : CitizenView.HIDDEN,
                m.getText(), m.getTerritory(), m.getAddress(), m.getLatitude(), m.getLongitude(), m.getCategory(), m.getSubcategory(),
                m.getPriority(), m.getBlock(), m.getRecipient(), m.getExecutor(), m.getRegulation(), m.getState(), stateName, m.isFinal(),
                m.getClosedAt(), m.getResultStatus(), m.getAnswer(), m.getSourceDueAt(), m.getDueKind(), m.getDueAt(), m.getPausedAt(),
                !m.isFinal() && m.getPausedAt() == null && m.getDueAt() != null && m.getDueAt().isBefore(now), m.isExtended(), m.getVersion(), m.getCreatedAt(),
                m.getCreatedBy(), actions);
    }
}
