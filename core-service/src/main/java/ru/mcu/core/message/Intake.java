package ru.mcu.core.message;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ru.mcu.core.deadline.Deadlines;
import ru.mcu.core.shared.Actor;
import ru.mcu.core.shared.Refusal;
import ru.mcu.core.tenant.TenantConfiguration;
import ru.mcu.core.workingtime.DeadlineCalculator;
import ru.mcu.platform.tenancy.CurrentTenant;

/**
 * Messages arriving from every channel: validated against the municipality's configuration,
 * written in one statement per batch, idempotent by (municipality, channel, external id), put in
 * the first state of their regulation with its first deadline, and announced ({@link MessagesReceived}) for the audit trail.
 * History may also bring cases already closed: they go straight to the final state they reached,
 * with no deadline, so years of archive never show up as overdue.
 */
@Service
public class Intake {
    /** What became of one incoming message. */
    public record Outcome(int index, String externalId, UUID id, Status status, String state, Instant dueAt) {
    }

    public enum Status { CREATED, DUPLICATE }

    static final int MAX_TEXT = 10_000;
    static final int MAX_BATCH = 1_000;
    /** Clocks of source platforms drift: a received-at up to this far ahead of ours is accepted. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(2);
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()\\-]{5,20}$");
    /** The first steps a source platform or the ЦУР takes: the arrival itself. */
    private static final Set<String> ARRIVAL = Set.of("source-platform", "regional-centre");

    private final IntakeRows rows;
    private final Deadlines deadlines;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Intake(IntakeRows rows, Deadlines deadlines, ApplicationEventPublisher events, Clock clock) {
        this.rows = rows;
        this.deadlines = deadlines;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Takes a batch whole or not at all: the first invalid message refuses the batch, naming its
     * index and field; a retried message comes back as a duplicate with its first id.
     */
    @Transactional
    public List<Outcome> accept(TenantConfiguration config, List<Incoming> batch, Actor actor) {
        return take(config, batch, actor, false);
    }

    /** The same for an import of history, where a message may come already closed. */
    @Transactional
    public List<Outcome> acceptHistory(TenantConfiguration config, List<Incoming> batch, Actor actor) {
        return take(config, batch, actor, true);
    }

    private List<Outcome> take(TenantConfiguration config, List<Incoming> batch, Actor actor, boolean history) {
        if (batch.isEmpty() || batch.size() > MAX_BATCH) {
            throw Refusal.invalid("messages", "В пакете должно быть от 1 до " + MAX_BATCH + " сообщений, получено " + batch.size());
        }
        Instant now = clock.instant();
        List<Planned> planned = new ArrayList<>(batch.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            String prefix = batch.size() == 1 ? "" : "messages[" + i + "].";
            Incoming incoming = batch.get(i);
            Planned plan = plan(config, incoming, actor, now, prefix, i, history);
            if (incoming.externalId() != null) {
                Integer first = seen.putIfAbsent(incoming.channel() + "\u0000" + incoming.externalId(), i);
                if (first != null && !planned.get(first).hash().equals(plan.hash())) {
                    throw conflict(prefix, incoming);
                }
                plan = first != null ? plan.sameAs(first) : plan;
            }
            planned.add(plan);
        }
        Map<Integer, Outcome> outcomes = new LinkedHashMap<>();
        List<Planned> fresh = new ArrayList<>();
        for (Planned plan : planned) {
            if (plan.sameAs() == null) {
                fresh.add(plan);
            }
        }
        Map<Integer, Existing> existing = rows.existing(fresh);
        fresh.removeIf(plan -> existing.containsKey(plan.index()));
        for (var entry : existing.entrySet()) {
            Planned plan = planned.get(entry.getKey());
            if (!entry.getValue().hash().equals(plan.hash())) {
                throw conflict(batch.size() == 1 ? "" : "messages[" + plan.index() + "].", plan.incoming());
            }
            outcomes.put(plan.index(), new Outcome(plan.index(), plan.incoming().externalId(), entry.getValue().id(), Status.DUPLICATE,
                    entry.getValue().state(), entry.getValue().dueAt()));
        }
        List<Planned> inserted = rows.insert(fresh, actor, now);
        // A concurrent request may have taken an external id between our check and our insert.
        if (inserted.size() != fresh.size()) {
            throw new Refusal(409, "concurrent-intake", "Сообщение принимается параллельно",
                    "Те же сообщения сейчас принимает другой запрос; повторите запрос — дубликатов не будет");
        }
        record(inserted, actor, now);
        // The files of new messages, and of retried ones (a retry after a lost answer brings them again: the attachment module
        // keeps only those the message does not have yet, by checksum, so a retry neither loses nor doubles a file).
        List<AttachmentsArrived.Arrived> files = new ArrayList<>();
        for (Planned p : inserted) {
            files.add(new AttachmentsArrived.Arrived(p.id(), field(batch, p.index()), p.incoming().attachments()));
        }
        existing.forEach((index, found) -> files.add(new AttachmentsArrived.Arrived(found.id(), field(batch, index),
                planned.get(index).incoming().attachments())));
        files.removeIf(f -> f.files().isEmpty());
        if (!files.isEmpty()) {
            events.publishEvent(new AttachmentsArrived(CurrentTenant.required(), actor, history, files, now));
        }
        for (Planned plan : inserted) {
            outcomes.put(plan.index(), new Outcome(plan.index(), plan.incoming().externalId(), plan.id(), Status.CREATED, plan.state(),
                    plan.nearest() == null ? null : plan.nearest().due().at()));
        }
        List<Outcome> result = new ArrayList<>(batch.size());
        for (Planned plan : planned) {
            Outcome outcome = plan.sameAs() != null ? outcomes.get(plan.sameAs()) : outcomes.get(plan.index());
            result.add(plan.sameAs() == null ? outcome
                    : new Outcome(plan.index(), outcome.externalId(), outcome.id(), Status.DUPLICATE, outcome.state(), outcome.dueAt()));
        }
        return result;
    }

    private static String field(List<Incoming> batch, int index) {
        return (batch.size() == 1 ? "" : "messages[" + index + "].") + "attachments";
    }

    /** A deadline a message starts with. */
    record Opening(String kind, DeadlineCalculator.Due due, boolean recomputable) {
    }

    record Planned(int index, Incoming incoming, UUID id, String regulation, String state, boolean isFinal, String block,
                           TenantConfiguration.Transition arrival, String fromState, List<Opening> openings, String hash, Integer sameAs) {
        Planned sameAs(int first) {
            return new Planned(index, incoming, id, regulation, state, isFinal, block, arrival, fromState, openings, hash, first);
        }

        /** The nearest of its deadlines, which the message row carries. */
        Opening nearest() {
            return openings.isEmpty() ? null : openings.getFirst();
        }
    }

    record Existing(UUID id, String hash, String state, Instant dueAt) {
    }

    private Planned plan(TenantConfiguration config, Incoming m, Actor actor, Instant now, String prefix, int index, boolean history) {
        if (m.channel() == null || m.channel().isBlank()) {
            throw Refusal.invalid(prefix + "channel", "Не указан канал");
        }
        checkFields(m, prefix, now);
        if (config.channel(m.channel()).isEmpty()) {
            throw new Refusal(422, "unknown-channel", "Неизвестный канал", "Канала «" + m.channel() + "» нет в конфигурации муниципалитета "
                    + config.name()).with("field", prefix + "channel").with("channels", config.channels().keySet());
        }
        if (!actor.mayUseChannel(m.channel())) {
            throw new Refusal(403, "channel-not-granted", "Канал не разрешён подключению",
                    "Клиенту «" + actor.name() + "» не выдан доступ к каналу «" + m.channel() + "»").with("field", prefix + "channel");
        }
        require(m.text() != null && !m.text().isBlank(), prefix + "text", "Текст сообщения пуст");
        require(m.receivedAt() != null, prefix + "receivedAt", "Не указано время поступления");
        require(!m.receivedAt().isAfter(now.plus(CLOCK_SKEW)), prefix + "receivedAt",
                "Время поступления " + m.receivedAt() + " в будущем (сейчас " + now + ")");
        require(m.externalId() == null || !m.externalId().isBlank(), prefix + "externalId", "Внешний идентификатор пуст");
        require(m.externalUrl() == null || (m.externalUrl().length() <= 2000 && m.externalUrl().matches("^https?://\\S+$")),
                prefix + "externalUrl", "Ссылка должна быть адресом http(s) не длиннее 2000 символов");
        require(m.kind() == null || m.kind().equals("message") || m.kind().equals("appeal"), prefix + "kind",
                "Вид должен быть message (сообщение) или appeal (обращение по 59-ФЗ), получено «" + m.kind() + "»");
        Incoming.Citizen citizen = m.citizen();
        require(citizen.phone() == null || PHONE.matcher(citizen.phone()).matches(), prefix + "citizen.phone",
                "Телефон должен состоять из цифр, пробелов, скобок и дефисов (5–20 знаков)");
        require(citizen.email() == null || (citizen.email().length() <= 300 && EMAIL.matcher(citizen.email()).matches()),
                prefix + "citizen.email", "Адрес электронной почты неверен");
        require((m.latitude() == null) == (m.longitude() == null), prefix + "latitude", "Координаты задаются парой: широта и долгота");
        require(m.latitude() == null || (m.latitude() >= -90 && m.latitude() <= 90), prefix + "latitude", "Широта вне диапазона −90…90");
        require(m.longitude() == null || (m.longitude() >= -180 && m.longitude() <= 180), prefix + "longitude", "Долгота вне диапазона −180…180");
        require(m.territory() == null || config.knowsTerritory(m.territory()), prefix + "territory",
                "Территории «" + m.territory() + "» нет в конфигурации муниципалитета");
        String block = null;
        if (m.category() != null) {
            block = category(config, m.category(), prefix + "category");
        }
        require(m.subcategory() == null || m.category() != null, prefix + "subcategory", "Подкатегория без категории");
        require(m.priority() == null || config.priorities().containsKey(m.priority()), prefix + "priority", "Приоритета «" + m.priority()
                + "» нет в шаблоне муниципалитета" + (config.priorities().isEmpty() ? " (шаблон не задаёт приоритетов)"
                : "; есть: " + String.join(", ", config.priorities().keySet())));
        require(m.subcategory() == null || config.subcategoriesOf(m.category()).contains(m.subcategory()), prefix + "subcategory",
                "Подкатегории «" + m.subcategory() + "» нет у категории «" + m.category() + "» в конфигурации муниципалитета");
        require(m.sourceDueAt() == null || m.sourceDueAt().isAfter(m.receivedAt()), prefix + "sourceDueAt",
                "Срок платформы-источника раньше времени поступления");

        if (m.closed() != null) {
            require(history, prefix + "closed", "Закрытый случай принимается только импортом истории (POST /api/imports)");
            return closed(config, m, now, prefix, index, block);
        }
        if ("appeal".equals(m.kind())) {
            // An appeal under 59-ФЗ follows the federal procedure, whatever the channel: registration within three days.
            TenantConfiguration.Regulation appeals = regulation(config, m, prefix);
            DeadlineCalculator.Due registration = deadlines.due(config, "appeal", m.channel(), null, "registration", m.receivedAt(), null)
                    .orElseThrow();
            return new Planned(index, m, UUID.randomUUID(), appeals.code(), appeals.initial(), false, block, null, appeals.initial(),
                    List.of(new Opening("registration", registration, true)), hash(m), null);
        }
        TenantConfiguration.Regulation regulation = regulation(config, m, prefix);
        String state = regulation.initial();
        TenantConfiguration.Transition arrival = regulation.stepsFrom(state).stream().filter(t -> ARRIVAL.contains(t.by()))
                .findFirst().orElse(null);
        // Deadlines that count from arrival: the regulation's own, and the one its arrival step starts.
        List<String> kinds = new ArrayList<>(regulation.arrivalDeadlines());
        if (arrival != null) {
            state = arrival.to();
            if (arrival.startsDeadline() != null && !kinds.contains(arrival.startsDeadline())) {
                kinds.add(arrival.startsDeadline());
            }
        }
        List<Opening> openings = new ArrayList<>();
        for (String kind : kinds) {
            deadlines.due(config, "message", m.channel(), m.priority(), kind, m.receivedAt(), m.sourceDueAt()).ifPresent(due -> openings.add(
                    new Opening(kind, due, deadlines.recomputablePolicy(config, "message", m.channel(), m.priority(), kind).isPresent())));
        }
        if (openings.isEmpty() && m.sourceDueAt() != null) {
            // The source platform's own due date counts even before a step of the regulation starts one.
            openings.add(new Opening("source", new DeadlineCalculator.Due(m.sourceDueAt(), "срок установлен платформой-источником"), false));
        }
        openings.sort(java.util.Comparator.comparing(o -> o.due().at()));
        TenantConfiguration.State target = regulation.state(state);
        return new Planned(index, m, UUID.randomUUID(), regulation.code(), state, target != null && target.isFinal(), block, arrival,
                regulation.initial(), List.copyOf(openings), hash(m), null);
    }

    /** Lengths, codes, text rules and moments, before anything is looked up (and echoed in a refusal); plan() checks meaning. */
    private static void checkFields(Incoming m, String prefix, Instant now) {
        for (int i = 0; i < m.attachments().size(); i++) {
            if (m.attachments().get(i) == null) {
                throw Refusal.invalid(prefix + "attachments[" + i + "]", "Вместо файла — пустое значение");
            }
        }
        Fields.code(prefix + "channel", m.channel());
        Fields.code(prefix + "kind", m.kind());
        Fields.code(prefix + "territory", m.territory());
        Fields.code(prefix + "category", m.category());
        Fields.code(prefix + "subcategory", m.subcategory());
        Fields.code(prefix + "priority", m.priority());
        Fields.text(prefix + "externalId", m.externalId(), 200);
        Fields.text(prefix + "externalUrl", m.externalUrl(), 2000);
        Fields.text(prefix + "text", m.text(), MAX_TEXT);
        Fields.text(prefix + "address", m.address(), 1000);
        Fields.text(prefix + "citizen.name", m.citizen().name(), 300);
        Fields.text(prefix + "citizen.phone", m.citizen().phone(), 50);
        Fields.text(prefix + "citizen.email", m.citizen().email(), 300);
        Fields.moment(prefix + "receivedAt", m.receivedAt(), now);
        Fields.moment(prefix + "sourceDueAt", m.sourceDueAt(), now);
        if (m.closed() != null) {
            Fields.code(prefix + "closed.state", m.closed().state());
            Fields.code(prefix + "closed.resultStatus", m.closed().resultStatus());
            Fields.text(prefix + "closed.answer", m.closed().answer(), MAX_TEXT);
            Fields.moment(prefix + "closed.at", m.closed().at(), now);
        }
    }

    /** The procedure a message follows: 59-ФЗ for an appeal, else its channel's regulation. */
    private static TenantConfiguration.Regulation regulation(TenantConfiguration config, Incoming m, String prefix) {
        return ("appeal".equals(m.kind()) ? config.regulation(TenantConfiguration.APPEAL_REGULATION) : config.regulationOf(m.channel()))
                .orElseThrow(() -> new Refusal(422, "no-regulation", "Нет регламента",
                        "В конфигурации муниципалитета нет ни одного регламента для канала «" + m.channel() + "»").with("field", prefix + "channel"));
    }

    /** A historical case in the final state it reached: no deadline, nothing to notify. */
    private Planned closed(TenantConfiguration config, Incoming m, Instant now, String prefix, int index, String block) {
        Incoming.Closed closed = m.closed();
        TenantConfiguration.Regulation regulation = regulation(config, m, prefix);
        List<String> finals = regulation.states().values().stream().filter(TenantConfiguration.State::isFinal)
                .map(TenantConfiguration.State::code).toList();
        require(closed.state() != null && finals.contains(closed.state()), prefix + "closed.state", "Конечное состояние «" + closed.state()
                + "» не из регламента «" + regulation.name() + "»; конечные: " + String.join(", ", finals));
        require(closed.at() != null, prefix + "closed.at", "Не указано, когда случай закрыт");
        require(!closed.at().isBefore(m.receivedAt()), prefix + "closed.at", "Случай закрыт (" + closed.at() + ") раньше, чем поступил ("
                + m.receivedAt() + ")");
        require(!closed.at().isAfter(now.plus(CLOCK_SKEW)), prefix + "closed.at", "Время закрытия " + closed.at() + " в будущем (сейчас " + now + ")");
        require(closed.resultStatus() == null || regulation.allowedResultStatuses().contains(closed.resultStatus()), prefix + "closed.resultStatus",
                "Статус по результату — одно из: " + String.join(", ", regulation.allowedResultStatuses()));
        return new Planned(index, m, UUID.randomUUID(), regulation.code(), closed.state(), true, block, null, null, List.of(), hash(m), null);
    }

    static String category(TenantConfiguration config, String category, String field) {
        if (config.block(category).isPresent()) {
            return category;
        }
        return config.blockOfCategory(category).orElseThrow(() -> new Refusal(422, "unknown-category", "Неизвестная категория",
                "Категории «" + category + "» нет среди блоков и тем муниципалитета").with("field", field)
                .with("categories", config.blocks().keySet()));
    }

    private static void require(boolean condition, String field, String detail) {
        if (!condition) {
            throw Refusal.invalid(field, detail);
        }
    }

    private static Refusal conflict(String prefix, Incoming m) {
        return new Refusal(409, "external-id-reused", "Внешний идентификатор уже занят",
                "Сообщение канала «" + m.channel() + "» с внешним идентификатором «" + m.externalId()
                        + "» уже принято с другим содержанием").with("field", prefix + "externalId");
    }

    /** What identifies a message's content: a retry carries the same, a reuse of the id does not. */
    static String hash(Incoming m) {
        String canonical = String.join("\u001f", m.channel(), String.valueOf(m.externalId()), String.valueOf(m.receivedAt()), m.text(),
                String.valueOf(m.citizen().name()), String.valueOf(m.citizen().phone()), String.valueOf(m.citizen().email()),
                String.valueOf(m.address()), String.valueOf(m.category()), String.valueOf(m.kind()))
                + (m.closed() == null ? "" : "\u001f" + m.closed().state() + "\u001f" + m.closed().at())
                // Only when given, so that messages taken before priorities existed keep their hash.
                + (m.priority() == null ? "" : "\u001fpriority=" + m.priority());
        return ru.mcu.core.shared.Checksums.sha256(canonical);
    }

    private void record(List<Planned> plans, Actor actor, Instant now) {
        List<UUID> ids = new ArrayList<>();
        List<Deadlines.Started> started = new ArrayList<>();
        List<MessagesReceived.Arrival> arrivals = new ArrayList<>(plans.size());
        for (Planned p : plans) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("channel", p.incoming().channel());
            if (p.incoming().externalId() != null) {
                details.put("externalId", p.incoming().externalId());
            }
            details.put("receivedAt", p.incoming().receivedAt().toString());
            for (Opening opening : p.openings()) {
                ids.add(p.id());
                started.add(new Deadlines.Started(UUID.randomUUID(), opening.kind(), p.incoming().receivedAt(), opening.due().at(),
                        opening.due().trace(), opening.recomputable()));
            }
            if (p.nearest() != null) {
                details.put("deadline", p.nearest().kind());
                details.put("dueAt", p.nearest().due().at().toString());
                details.put("trace", p.nearest().due().trace());
                if (p.openings().size() > 1) {
                    details.put("deadlines", p.openings().stream().map(o -> Map.of("kind", o.kind(), "dueAt", o.due().at().toString(),
                            "trace", o.due().trace())).toList());
                }
            }
            if (p.incoming().closed() != null) {
                details.put("closedAt", p.incoming().closed().at().toString());
                if (p.incoming().closed().resultStatus() != null) {
                    details.put("resultStatus", p.incoming().closed().resultStatus());
                }
            }
            String action = p.arrival() != null ? p.arrival().action() : p.incoming().closed() != null ? "import-closed" : "receive";
            arrivals.add(new MessagesReceived.Arrival(p.id(), action, p.arrival() != null ? p.fromState() : null, p.state(), details));
        }
        deadlines.startAll(ids, started);
        events.publishEvent(new MessagesReceived(CurrentTenant.required(), actor.name(),
                actor.kind() == Actor.Kind.CONNECTOR ? List.of("connector") : actor.roles(), arrivals, now));
    }
}
