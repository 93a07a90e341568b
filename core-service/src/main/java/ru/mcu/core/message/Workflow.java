package ru.mcu.core.message;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import ru.mcu.core.deadline.Deadlines;
import ru.mcu.core.deadline.WorkingCalendars;
import ru.mcu.core.shared.Actor;
import ru.mcu.core.shared.Refusal;
import ru.mcu.core.tenant.TenantConfiguration;
import ru.mcu.core.tenant.TenantConfiguration.Transition;
import ru.mcu.core.workingtime.DeadlineCalculator;
import ru.mcu.platform.tenancy.CurrentTenant;

/**
 * The municipality's regulation as a workflow: a step is allowed when the message's state, the
 * actor's roles (or being its executor, or being the outside party the step names) and the step's
 * required inputs all agree with the template; it moves the message, starts or closes its deadline,
 * and publishes what it did ({@link StepTaken}) for the audit trail and the notices, all in one transaction.
 */
@Service
public class Workflow {
    /**
     * What an actor supplies with a step; which fields are required is the template's {@code requires}.
     * {@code rating}: the citizen's rating of the answer (1–5), as the source platform supplies it.
     */
    public record Step(String comment, String executor, String recipient, Instant deadline, String category, String subcategory,
                       String resultStatus, Boolean contactedApplicant, String reason, String answer, Long version, String by, Integer days,
                       Instant registeredAt, Integer rating) {
        public static Step of(String comment) {
            return new Step(comment, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        }
    }

    /** Steps whose text is a reply on the way to the answer, not the answer itself. */
    private static final Set<String> INTERIM_REPLIES = Set.of("reply-first", "answer-interim");

    /** Outside parties whose steps reach us through a connector. */
    private static final Set<String> OUTSIDE = Set.of("source-platform", "regional-centre", "citizen", "moderator");

    private final MessageRepository repository;
    private final Deadlines deadlines;
    private final ApplicationEventPublisher events;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final StepInputs inputs;
    private final WorkingCalendars calendars;

    Workflow(MessageRepository repository, Deadlines deadlines, ApplicationEventPublisher events, JdbcTemplate jdbc, Clock clock,
             StepInputs inputs, WorkingCalendars calendars) {
        this.inputs = inputs;
        this.calendars = calendars;
        this.repository = repository;
        this.deadlines = deadlines;
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The steps this actor may take now, for the screen to offer. */
    public List<Transition> available(TenantConfiguration config, Message message, Actor actor) {
        return config.regulation(message.getRegulation()).map(regulation -> regulation.stepsFrom(message.getState()).stream()
                .filter(t -> mayTake(t, message, actor)).toList()).orElse(List.of());
    }

    /** A message waiting on a step of an outside party: its state's name, and the steps the connector may relay now. */
    public record Awaiting(Message message, String stateName, List<Transition> steps) {
    }

    /**
     * What a connector's system has to do: the oldest messages in its channels whose state waits on
     * a step of an outside party it relays (the ЦУР's approval, the platform's moderation).
     */
    @Transactional(readOnly = true)
    public List<Awaiting> awaitingOutside(TenantConfiguration config, Actor connector, int limit) {
        Set<String> states = new java.util.HashSet<>();
        config.regulations().values().forEach(r -> r.transitions().stream().filter(t -> OUTSIDE.contains(t.by()))
                .forEach(t -> states.addAll(t.from())));
        Set<String> channels = connector.channels().isEmpty() ? config.channels().keySet() : connector.channels();
        if (states.isEmpty() || channels.isEmpty()) {
            return List.of();
        }
        // The same state code may exist in another regulation without an outside step: the steps decide.
        return repository.findByChannelInAndStateInOrderByReceivedAtAsc(channels, states,
                        org.springframework.data.domain.PageRequest.of(0, limit)).stream()
                .map(m -> new Awaiting(m, config.regulation(m.getRegulation()).map(r -> stateName(r, m.getState())).orElse(m.getState()),
                        available(config, m, connector)))
                .filter(a -> !a.steps().isEmpty()).toList();
    }

    @Transactional
    public Message act(TenantConfiguration config, UUID id, String action, Step step, Actor actor) {
        // The action comes from the path: a code, or refused naming it before it is echoed in a refusal.
        Fields.code("action", action);
        if (step.rating() != null && actor.kind() == Actor.Kind.STAFF) {
            throw Refusal.invalid("rating", "Оценку ответа ставит житель на площадке-источнике: её передаёт коннектор площадки, а не сотрудник");
        }
        if (step.rating() != null && (step.rating() < 1 || step.rating() > 5)) {
            throw Refusal.invalid("rating", "Оценка ответа — от 1 до 5, а не " + step.rating());
        }
        Message message = load(id, step.version());
        TenantConfiguration.Regulation regulation = config.regulation(message.getRegulation()).orElseThrow(() -> new Refusal(409,
                "regulation-missing", "Регламент сообщения отсутствует", "Регламента «" + message.getRegulation()
                + "» больше нет в конфигурации муниципалитета"));
        List<Transition> candidates = regulation.steps(action, message.getState());
        if (candidates.isEmpty()) {
            throw new Refusal(409, "transition-not-allowed", "Действие недоступно в этом состоянии",
                    "Действие «" + action + "» не предусмотрено регламентом «" + regulation.name() + "» в состоянии «"
                            + stateName(regulation, message.getState()) + "»")
                    .with("state", message.getState()).with("version", message.getVersion())
                    .with("allowedActions", regulation.stepsFrom(message.getState()).stream().map(Transition::action).distinct().toList());
        }
        Transition transition = candidates.stream().filter(t -> mayTake(t, message, actor))
                .filter(t -> step.by() == null || step.by().equals(t.by())).findFirst()
                .orElseThrow(() -> forbidden(config, candidates, action, actor));
        Instant now = clock.instant();
        // A registration made on paper earlier is entered as of then: its deadlines count from it, and a late one stays late.
        Instant at = inputs.check(config, transition, step, message, now);

        String from = message.getState();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("regulationPoint", transition.source());
        if (step.executor() != null || step.recipient() != null) {
            message.assign(step.executor(), step.recipient());
            put(details, "executor", step.executor());
            put(details, "recipient", step.recipient());
        }
        if (step.category() != null) {
            message.categorize(step.category(), step.subcategory(), Intake.category(config, step.category(), "category"));
            put(details, "category", step.category());
            put(details, "subcategory", step.subcategory());
        }
        if (step.answer() != null || step.resultStatus() != null) {
            // A first or interim reply is said to the citizen but is not the answer: it stays in the history only.
            if (!INTERIM_REPLIES.contains(action)) {
                message.answer(step.answer(), step.resultStatus());
                // Who answered, for the workload: the executor the message has now, else the staff member answering it.
                put(details, "answeredBy", message.getExecutor() != null ? message.getExecutor()
                        : actor.kind() == Actor.Kind.STAFF ? actor.name() : null);
            }
            put(details, "answer", step.answer());
            put(details, "resultStatus", step.resultStatus());
        }
        put(details, "reason", step.reason());
        put(details, "rating", step.rating());
        String to = "same".equals(transition.to()) ? from : transition.to();
        TenantConfiguration.State target = regulation.state(to);
        boolean isFinal = target != null && target.isFinal();
        if (!to.equals(from)) {
            // The window belongs to the state of waiting for the citizen's verdict: it ends with it.
            deadlines.closeKinds(id, List.of("satisfaction-window"), now, "accept".equals(action) ? "met" : "cancelled",
                    "окно оценки закрыто действием «" + action + "»");
        }
        if (!transition.meets().isEmpty()) {
            deadlines.closeKinds(id, transition.meets(), at, null, "выполнено действием «" + action + "»"
                    + (at.equals(now) ? "" : " (по состоянию на " + at + ")"));
            details.put("meets", transition.meets());
        }
        if (!at.equals(now)) {
            details.put("registeredAt", at.toString());
            details.put("enteredAt", now.toString());
            details.put("reason", step.reason());
        }
        message.moveTo(to, isFinal, now);
        if ("extend".equals(action)) {
            extend(config, message, step, now, details);
        } else {
            deadline(config, message, transition, step, at, now, details);
        }
        if (isFinal) {
            deadlines.close(id, now, null, "сообщение в итоговом состоянии «" + stateName(regulation, to) + "»");
        }
        nearestDue(message);
        save(message);
        events.publishEvent(new StepTaken(CurrentTenant.required(), id, action, actor.name(), actor.kind() == Actor.Kind.STAFF ? actor.roles()
                : List.of(actor.kind() == Actor.Kind.CONNECTOR ? transition.by() : "system"), from, to, step.comment(), details, now));
        return message;
    }

    /** A step is the actor's when a role of theirs is named, or they are the executor, or they relay the outside party named. */
    private static boolean mayTake(Transition t, Message message, Actor actor) {
        return switch (actor.kind()) {
            case STAFF -> switch (t.by()) {
                case "role" -> t.roles().stream().anyMatch(actor.roles()::contains);
                case "executor" -> actor.name().equals(message.getExecutor());
                default -> false;
            };
            case CONNECTOR -> OUTSIDE.contains(t.by()) && actor.mayUseChannel(message.getChannel());
            case SYSTEM -> "system".equals(t.by());
        };
    }

    private static Refusal forbidden(TenantConfiguration config, List<Transition> candidates, String action, Actor actor) {
        Set<String> who = new LinkedHashSet<>();
        for (Transition t : candidates) {
            switch (t.by()) {
                case "role" -> t.roles().forEach(role -> who.add(config.roleName(role)));
                case "executor" -> who.add("исполнитель сообщения");
                case "source-platform" -> who.add("платформа-источник");
                case "regional-centre" -> who.add("ЦУР");
                case "citizen" -> who.add("заявитель");
                case "moderator" -> who.add("модератор");
                default -> who.add("платформа автоматически");
            }
        }
        return new Refusal(403, "role-not-allowed", "Действие не разрешено вашей роли",
                "Действие «" + action + "» выполняет: " + String.join(", ", who) + "; ваши роли: "
                        + (actor.roles().isEmpty() ? "нет" : String.join(", ", actor.roles().stream().map(config::roleName).toList())))
                .with("allowedRoles", candidates.stream().flatMap(t -> t.roles().stream()).distinct().toList());
    }

    private void deadline(TenantConfiguration config, Message message, Transition t, Step step, Instant from, Instant now,
                          Map<String, Object> details) {
        DeadlineCalculator.Due due = null;
        String kind = null;
        if (t.startsDeadline() != null) {
            Instant supplied = step.deadline() != null ? step.deadline() : message.getSourceDueAt();
            due = deadlines.due(config, message.getKind(), message.getChannel(), message.getPriority(), t.startsDeadline(), from, supplied)
                    .orElse(null);
            kind = t.startsDeadline();
            if (due != null && "appeal".equals(message.getKind()) && "answer".equals(kind)) {
                // The seven days to forward to the competent body run from the same registration.
                var forwarding = deadlines.due(config, "appeal", message.getChannel(), null, "forwarding", from, null).orElseThrow();
                due = new DeadlineCalculator.Due(due.at(), due.trace() + "; направить по компетенции (если вопрос не в ведении) — до "
                        + forwarding.at().atZone(config.zone()).toLocalDate());
                details.put("forwardBy", forwarding.at().toString());
            }
        }
        if (due == null && step.deadline() != null) {
            due = new DeadlineCalculator.Due(step.deadline(), "срок установлен при действии «" + t.action() + "»: "
                    + step.deadline().atZone(config.zone()).toLocalDateTime() + " (" + config.zone().getId() + ")");
            kind = kind != null ? kind : "answer";
        }
        if (due == null) {
            return;
        }
        boolean recomputable = step.deadline() == null && t.startsDeadline() != null
                && deadlines.recomputablePolicy(config, message.getKind(), message.getChannel(), message.getPriority(), kind).isPresent();
        deadlines.start(message.getId(), kind, from, due, now, recomputable)
                .ifPresent(previous -> details.put("previousDueAt", previous.toString()));
        details.put("deadline", kind);
        details.put("dueAt", due.at().toString());
        details.put("trace", due.trace());
    }

    /**
     * Extends an appeal's answer deadline once, by at most the federal limit (30 days), with a
     * reason, and tells the citizen (59-ФЗ, ст. 12, ч. 2).
     */
    private void extend(TenantConfiguration config, Message message, Step step, Instant now, Map<String, Object> details) {
        int limit = config.policy("appeal", message.getChannel(), "extension").map(DeadlineCalculator.Policy::amount).orElse(30);
        if (message.isExtended()) {
            throw new Refusal(409, "already-extended", "Срок уже продлевался", "Срок рассмотрения обращения продлевается только один раз")
                    .with("dueAt", message.getDueAt());
        }
        if (step.days() == null || step.days() < 1 || step.days() > limit) {
            throw Refusal.invalid("days", "Продление — от 1 до " + limit + " дней");
        }
        Deadlines.Running answer = deadlines.open(message.getId()).stream().filter(d -> "answer".equals(d.kind())).findFirst()
                .orElseThrow(() -> new Refusal(409, "nothing-to-extend", "Нечего продлевать", "У обращения нет открытого срока ответа"));
        String reason = step.reason() != null ? step.reason() : step.comment();
        DeadlineCalculator.Due due = calendars.calculator(config, message.getChannel()).due(
                new DeadlineCalculator.Policy("calendar-days", step.days(), null, "keep"), answer.dueAt(), null);
        DeadlineCalculator.Due extended = new DeadlineCalculator.Due(due.at(), "срок ответа " + answer.dueAt().atZone(config.zone())
                .toLocalDate() + " продлён на " + step.days() + " дн. (59-ФЗ, ст. 12, ч. 2): " + reason);
        details.put("previousDueAt", answer.dueAt().toString());
        deadlines.start(message.getId(), "answer", now, extended, now, false);
        message.markExtended();
        details.put("deadline", "answer");
        details.put("dueAt", extended.at().toString());
        details.put("trace", extended.trace());
        events.publishEvent(new AnswerDeadlineExtended(CurrentTenant.required(), message.getId(), extended.at(), reason, now));
        details.put("citizenNotified", message.citizenReachable());
    }

    /**
     * Waiting for the citizen (an answer to a question put to them) stops the clock: while paused the
     * message is never overdue, and on resuming its due date moves by the working time (or, for
     * deadlines in days and hours, the wall-clock time) the wait took. Whoever may take a step of
     * the message now may pause and resume it.
     */
    @Transactional
    public Message pause(TenantConfiguration config, UUID id, boolean resume, String reason, Long version, Actor actor) {
        Message message = load(id, version);
        if (message.isFinal() || available(config, message, actor).isEmpty()) {
            throw new Refusal(403, "role-not-allowed", "Действие не разрешено вашей роли",
                    "Приостановить срок может тот, кто сейчас работает с сообщением по регламенту");
        }
        if (resume == (message.getPausedAt() == null)) {
            throw new Refusal(409, resume ? "not-paused" : "already-paused", resume ? "Срок не приостановлен" : "Срок уже приостановлен",
                    resume ? "Сообщение не ждёт ответа заявителя" : "Сообщение уже ждёт ответа заявителя с " + message.getPausedAt())
                    .with("state", message.getState()).with("version", message.getVersion());
        }
        Fields.text("reason", reason, 2000);
        if (!resume && (reason == null || reason.isBlank())) {
            throw Refusal.invalid("reason", "Укажите, какого ответа заявителя ждём");
        }
        Instant now = clock.instant();
        Map<String, Object> details = new LinkedHashMap<>();
        if (!resume) {
            message.pause(now);
        } else {
            Instant pausedAt = message.getPausedAt();
            message.pause(null);
            DeadlineCalculator calculator = calendars.calculator(config, message.getChannel());
            String waited = "ожидание ответа заявителя с " + pausedAt + " по " + now;
            List<Deadlines.Running> moved = deadlines.shift(id, running -> {
                var policy = config.policy(message.getKind(), message.getChannel(), message.getPriority(), running.kind());
                boolean working = policy.map(p -> p.measure().startsWith("working-")).orElse(false);
                Instant due;
                String trace;
                if (working && running.dueAt().isAfter(pausedAt)) {
                    long left = calculator.workingMinutesBetween(pausedAt, running.dueAt());
                    due = calculator.addWorkingMinutes(now, left);
                    trace = waited + "; оставалось " + left + " рабочих мин.";
                } else {
                    due = running.dueAt().plus(java.time.Duration.between(pausedAt, now));
                    trace = waited + "; срок сдвинут на время ожидания";
                }
                return new DeadlineCalculator.Due(due, trace + "; срок " + due.atZone(config.zone()).toLocalDateTime() + " ("
                        + config.zone().getId() + ")");
            }, now);
            if (!moved.isEmpty()) {
                details.put("deadlines", moved.stream().map(d -> Map.of("kind", d.kind(), "dueAt", d.dueAt().toString())).toList());
                details.put("trace", waited);
            }
            nearestDue(message);
        }
        message.touch(now);
        save(message);
        events.publishEvent(new StepTaken(CurrentTenant.required(), id, resume ? "resume" : "pause", actor.name(), actor.roles(),
                message.getState(), message.getState(), reason, details, now));
        return message;
    }

    /** Satisfaction windows that passed in silence: the answer counts as accepted (the template's {@code accept} by the platform). */
    @Transactional
    public int acceptSilent(TenantConfiguration config, Instant now) {
        List<UUID> expired = jdbc.queryForList("select d.message_id from deadline d join message m on m.tenant_id = d.tenant_id "
                + "and m.id = d.message_id where d.status = 'open' and d.kind = 'satisfaction-window' and d.due_at <= ? and not m.final",
                UUID.class, java.sql.Timestamp.from(now));
        int accepted = 0;
        for (UUID id : expired) {
            Message message = repository.findById(id).orElseThrow();
            boolean canAccept = config.regulation(message.getRegulation())
                    .map(r -> r.steps("accept", message.getState()).stream().anyMatch(t -> "system".equals(t.by()))).orElse(false);
            if (canAccept) {
                act(config, id, "accept", Step.of("окно оценки истекло без комментария заявителя: ответ считается принятым"), Actor.SYSTEM);
                accepted++;
            }
        }
        return accepted;
    }

    /** The message shows its nearest open deadline, so lists can sort and filter by it. */
    private void nearestDue(Message message) {
        message.due(deadlines.nearest(message.getId()));
    }

    private static void put(Map<String, Object> details, String key, Object value) {
        if (value != null) {
            details.put(key, value);
        }
    }

    private static String stateName(TenantConfiguration.Regulation regulation, String code) {
        TenantConfiguration.State state = regulation.state(code);
        return state == null ? code : state.name();
    }

    /** The message, if the caller saw its current version (when they say which they saw). */
    private Message load(UUID id, Long version) {
        Message message = repository.findById(id).orElseThrow(() -> new MessageNotFoundException(id));
        if (version != null && !version.equals(message.getVersion())) {
            throw stale(message);
        }
        return message;
    }

    /** Written now, so that someone who changed it meanwhile makes this a 409 before anything else is recorded. */
    private void save(Message message) {
        try {
            repository.saveAndFlush(message);
        } catch (org.springframework.orm.ObjectOptimisticLockingFailureException e) {
            throw stale(message);
        }
    }

    private static Refusal stale(Message message) {
        return new Refusal(409, "concurrent-change", "Сообщение уже изменено",
                "Сообщение изменил другой пользователь; обновите его и повторите действие")
                .with("id", message.getId());
    }
}
