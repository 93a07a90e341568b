package ru.mcu.core.notification;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import ru.mcu.core.message.AnswerDeadlineExtended;
import ru.mcu.core.message.DeadlineApproached;
import ru.mcu.core.message.DeadlinePassed;
import ru.mcu.core.message.DeadlineRoundCompleted;
import ru.mcu.core.message.Message;
import ru.mcu.core.message.Messages;
import ru.mcu.core.message.StepTaken;
import ru.mcu.core.tenant.TenantConfiguration;
import ru.mcu.core.tenant.TenantStatuses;
import ru.mcu.platform.tenancy.CurrentTenant;

/**
 * Notices to staff: of an assignment, of a deadline drawing near, of an overdue item. Each is kept
 * in the application (the bell) for a person or for everyone holding a role ({@code role:<code>}),
 * and, where the person's address is known, sent by e-mail through the municipality's SMTP server.
 * Notices follow what message announces, in the transaction that announced it (they commit or vanish
 * with the step); e-mail goes out after the deadline watch's round, outside any transaction.
 */
@Service
public class Notifications {
    public record Notice(UUID id, String recipient, String kind, UUID messageId, String subject, String body, Instant createdAt,
                         Instant readAt) {
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

    /** The municipality's SMTP server, as its administrator sees it: the password is never shown back. */
    public record MailServer(String host, int port, String username, String password, String from, Boolean starttls) {
        MailServer withoutPassword() {
            return new MailServer(host, port, username, password == null ? null : "********", from, starttls);
        }
    }

    private final JdbcTemplate jdbc;
    private final StaffDirectory directory;
    private final Mailer mailer;
    private final Messages messages;
    private final TenantStatuses tenants;

    Notifications(JdbcTemplate jdbc, StaffDirectory directory, Mailer mailer, Messages messages, TenantStatuses tenants) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.mailer = mailer;
        this.messages = messages;
        this.tenants = tenants;
    }

    @Transactional(readOnly = true)
    public java.util.Optional<MailServer> mailServer() {
        return mailer.settings().map(MailServer::withoutPassword);
    }

    @Transactional
    public void setMailServer(MailServer server, String by, Instant now) {
        jdbc.update("insert into mail_settings (tenant_id, host, port, username, password, from_address, starttls, updated_by, updated_at) "
                + "values (current_tenant(), ?, ?, ?, ?, ?, ?, ?, ?) on conflict (tenant_id) do update set host = excluded.host, "
                + "port = excluded.port, username = excluded.username, password = excluded.password, from_address = excluded.from_address, "
                + "starttls = excluded.starttls, updated_by = excluded.updated_by, updated_at = excluded.updated_at",
                server.host(), server.port(), server.username(), server.password(), server.from(), Boolean.TRUE.equals(server.starttls()), by,
                Timestamp.from(now));
    }

    /** Sends what is pending for the round's municipality, bound here: the round's transaction is over. */
    @EventListener
    public void roundCompleted(DeadlineRoundCompleted round) {
        CurrentTenant.run(round.tenant(), mailer::sendPending);
    }

    /** Who must act after a step: the executor given the work, the responsible of the channel or block when it comes back. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void stepTaken(StepTaken step) {
        CurrentTenant.requireSame(step.tenant());
        TenantConfiguration config = tenants.current();
        Message message = messages.get(step.messageId());
        String action = step.action();
        String actor = step.actor();
        Instant now = step.at();
        String about = "«" + ru.mcu.core.shared.Texts.shortened(message.getText(), 80) + "»";
        switch (action) {
            case "assign", "reassign", "return-for-rework", "request-urgent" -> {
                if (message.getExecutor() != null && !message.getExecutor().equals(actor)) {
                    String subject = switch (action) {
                        case "return-for-rework" -> "Ответ возвращён на доработку";
                        case "request-urgent" -> "Срочный запрос ответа";
                        default -> "Вам назначено сообщение";
                    };
                    notify(message, message.getExecutor(), action, subject, about + due(config, message), action + ":" + message.getVersion(), now);
                }
            }
            case "escalate", "reopen", "reject" -> {
                Set<String> recipients = "escalate".equals(action) ? escalation(config, message, List.of(message.getState()))
                        : responsible(config, message);
                for (String recipient : recipients) {
                    String subject = switch (action) {
                        case "escalate" -> "Проблемный вопрос передан на ваш уровень";
                        case "reopen" -> "Сообщение возвращено в работу";
                        default -> "Ответ не согласован";
                    };
                    notify(message, recipient, action, subject, about, action + ":" + message.getVersion(), now);
                }
            }
            default -> { }
        }
    }

    /**
     * The citizen is told their appeal's answer deadline was extended, by e-mail through the
     * municipality's server, when they can be ({@link Message#citizenReachable()}, which the step
     * records as citizenNotified). The body names no other person.
     */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void answerDeadlineExtended(AnswerDeadlineExtended extended) {
        CurrentTenant.requireSame(extended.tenant());
        Message message = messages.get(extended.messageId());
        if (!message.citizenReachable()) {
            return;
        }
        TenantConfiguration config = tenants.current();
        String subject = "Срок рассмотрения обращения продлён";
        String body = "Срок рассмотрения вашего обращения продлён до " + extended.dueAt().atZone(config.zone()).toLocalDate() + ". Причина: "
                + extended.reason();
        Instant now = extended.at();
        jdbc.update("insert into notification (tenant_id, id, recipient, kind, message_id, subject, body, created_at, email, dedup_key) "
                        + "values (current_tenant(), ?, 'citizen', 'citizen', ?, ?, ?, ?, ?, ?) on conflict (tenant_id, dedup_key) do nothing",
                UUID.randomUUID(), message.getId(), subject, body, Timestamp.from(now), message.getCitizenEmail(),
                message.getId() + ":citizen:" + subject + ":" + now);
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void deadlineApproached(DeadlineApproached approached) {
        CurrentTenant.requireSame(approached.tenant());
        deadline(tenants.current(), messages.get(approached.messageId()), false, approached.at());
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void deadlinePassed(DeadlinePassed passed) {
        CurrentTenant.requireSame(passed.tenant());
        deadline(tenants.current(), messages.get(passed.messageId()), true, passed.at());
    }

    /** A deadline near or passed: to the executor and to those responsible for the channel and the block, once per due date. */
    private void deadline(TenantConfiguration config, Message message, boolean overdue, Instant now) {
        Set<String> recipients = new LinkedHashSet<>();
        if (message.getExecutor() != null) {
            recipients.add(message.getExecutor());
        }
        recipients.addAll(responsible(config, message));
        boolean escalates = config.regulation(message.getRegulation())
                .map(r -> !r.steps("escalate", message.getState()).isEmpty()).orElse(false);
        if (overdue && escalates) {
            // Where the regulation escalates problem items, an overdue one is brought to those it escalates to.
            recipients.addAll(escalation(config, message, config.regulation(message.getRegulation()).orElseThrow()
                    .steps("escalate", message.getState()).stream().map(TenantConfiguration.Transition::to).distinct().toList()));
        }
        String kind = overdue ? "overdue" : "approaching";
        String subject = overdue ? "Срок истёк" : "Срок истекает";
        for (String recipient : recipients) {
            notify(message, recipient, kind, subject, "«" + ru.mcu.core.shared.Texts.shortened(message.getText(), 80) + "»" + due(config, message),
                    kind + ":" + message.getDueAt(), now);
        }
    }

    /** Whom an escalation reaches: the block's responsible person, else the roles that act on an escalated item. */
    private static Set<String> escalation(TenantConfiguration config, Message message, List<String> escalatedStates) {
        Set<String> recipients = new LinkedHashSet<>();
        if (message.getBlock() != null) {
            config.block(message.getBlock()).map(TenantConfiguration.Block::responsibleRole).ifPresent(role -> recipients.add("role:" + role));
        }
        if (recipients.isEmpty()) {
            config.regulation(message.getRegulation()).ifPresent(r -> escalatedStates.stream()
                    .flatMap(escalated -> r.stepsFrom(escalated).stream())
                    .filter(TenantConfiguration.Transition::takenByRole)
                    .forEach(t -> t.roles().forEach(role -> recipients.add("role:" + role))));
        }
        return recipients;
    }

    private static Set<String> responsible(TenantConfiguration config, Message message) {
        Set<String> roles = new LinkedHashSet<>();
        config.channel(message.getChannel()).map(TenantConfiguration.Channel::responsibleRole).ifPresent(roles::add);
        if (message.getBlock() != null) {
            config.block(message.getBlock()).map(TenantConfiguration.Block::responsibleRole).ifPresent(roles::add);
        }
        roles.remove(null);
        Set<String> recipients = new LinkedHashSet<>();
        roles.forEach(role -> recipients.add("role:" + role));
        return recipients;
    }

    private void notify(Message message, String recipient, String kind, String subject, String body, String dedup, Instant now) {
        String email = recipient.startsWith("role:") ? null : directory.email(recipient).orElse(null);
        jdbc.update("insert into notification (tenant_id, id, recipient, kind, message_id, subject, body, created_at, email, dedup_key) "
                        + "values (current_tenant(), ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (tenant_id, dedup_key) do nothing",
                UUID.randomUUID(), recipient, kind, message.getId(), subject, body, Timestamp.from(now), email,
                message.getId() + ":" + recipient + ":" + dedup);
    }

    /** A person's notices: their own and their roles'. */
    @Transactional(readOnly = true)
    public List<Notice> of(String user, List<String> roles, boolean unreadOnly) {
        String[] recipients = recipients(user, roles);
        return jdbc.query(connection -> {
            var statement = connection.prepareStatement("select * from notification where recipient = any (?) "
                    + (unreadOnly ? "and read_at is null " : "") + "order by created_at desc limit 200");
            statement.setArray(1, connection.createArrayOf("text", recipients));
            return statement;
        }, (rs, n) -> new Notice(rs.getObject("id", UUID.class), rs.getString("recipient"), rs.getString("kind"),
                rs.getObject("message_id", UUID.class), rs.getString("subject"), rs.getString("body"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("read_at") == null ? null : rs.getTimestamp("read_at").toInstant()));
    }

    @Transactional
    public boolean markRead(UUID id, String user, List<String> roles, Instant now) {
        String[] recipients = recipients(user, roles);
        return jdbc.update(connection -> {
            var statement = connection.prepareStatement("update notification set read_at = ? where id = ? and recipient = any (?) and read_at is null");
            statement.setTimestamp(1, Timestamp.from(now));
            statement.setObject(2, id);
            statement.setArray(3, connection.createArrayOf("text", recipients));
            return statement;
        }) == 1;
    }

    /** A person's notices are addressed to them, or to a role of theirs. */
    private static String[] recipients(String user, List<String> roles) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(user), roles.stream().map(r -> "role:" + r)).toArray(String[]::new);
    }

    private static String due(TenantConfiguration config, Message message) {
        return message.getDueAt() == null ? "" : "; срок " + message.getDueAt().atZone(config.zone()).format(WHEN) + " (" + config.zone().getId() + ")";
    }

}
