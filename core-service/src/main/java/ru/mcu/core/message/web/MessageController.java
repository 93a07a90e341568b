package ru.mcu.core.message.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import ru.mcu.core.deadline.Deadlines;
import ru.mcu.core.message.Incoming;
import ru.mcu.core.message.Intake;
import ru.mcu.core.message.Message;
import ru.mcu.core.message.MessageSearch;
import ru.mcu.core.message.Messages;
import ru.mcu.core.message.Workflow;
import ru.mcu.core.shared.Actor;
import ru.mcu.core.shared.Refusal;
import ru.mcu.core.shared.Staff;
import ru.mcu.core.tenant.TenantConfiguration;
import ru.mcu.core.tenant.TenantStatuses;

/** The МЦУ staff's side: manual entry, finding messages, taking the regulation's steps, deadline lists. */
@RestController
@RequestMapping("/api/messages")
class MessageController {
    record ManualEntry(String channel, String externalId, String externalUrl, Instant receivedAt, Incoming.Citizen citizen, String text,
                       String territory, String address, Double latitude, Double longitude, String category, String subcategory,
                       String kind, String priority) {
    }

    record Found(List<MessageView> items, long total, int page, int size) {
    }

    record Detail(MessageView message, List<Deadlines.History> deadlines) {
    }

    private final Messages messages;
    private final Intake intake;
    private final Workflow workflow;
    private final MessageSearch search;
    private final Deadlines deadlines;
    private final TenantStatuses tenants;

    MessageController(Messages messages, Intake intake, Workflow workflow, MessageSearch search, Deadlines deadlines, TenantStatuses tenants) {
        this.messages = messages;
        this.intake = intake;
        this.workflow = workflow;
        this.search = search;
        this.deadlines = deadlines;
        this.tenants = tenants;
    }

    /** Manual entry (manual monitoring, a phone call, a visit) by staff who work the channel. */
    @PostMapping
    ResponseEntity<MessageView> register(@RequestBody ManualEntry body, @AuthenticationPrincipal Jwt token) {
        TenantConfiguration config = tenants.current();
        Actor actor = Staff.of(token, config);
        if (body.channel() != null && !mayRegister(actor, config, body.channel())) {
            throw new Refusal(403, "role-not-allowed", "Регистрация сообщений не разрешена вашей роли",
                    "Зарегистрировать сообщение канала «" + body.channel() + "» может тот, кто работает с этим каналом по регламенту")
                    .with("field", "channel");
        }
        Instant received = body.receivedAt() != null ? body.receivedAt() : messages.clock().instant();
        Incoming incoming = new Incoming(body.channel(), body.externalId(), body.externalUrl(), received, body.citizen(), body.text(),
                body.territory(), body.address(), body.latitude(), body.longitude(), body.category(), body.subcategory(), body.kind(), null, null,
                body.priority(), null);
        Intake.Outcome outcome = intake.accept(config, List.of(incoming), actor).getFirst();
        MessageView view = view(messages.get(outcome.id()), config, actor);
        return outcome.status() == Intake.Status.CREATED
                ? ResponseEntity.created(URI.create("/api/messages/" + outcome.id())).body(view)
                : ResponseEntity.ok(view);
    }

    @GetMapping
    Found find(@RequestParam(required = false) List<String> state, @RequestParam(required = false) String channel,
               @RequestParam(required = false) String category, @RequestParam(required = false) String block,
               @RequestParam(required = false) String recipient, @RequestParam(required = false) String executor,
               @RequestParam(required = false) Boolean overdue, @RequestParam(required = false) Boolean atRisk,
               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
               @RequestParam(required = false) String q, @RequestParam(defaultValue = "received-desc") String sort,
               @RequestParam(defaultValue = "0") int page,
               @RequestParam(defaultValue = "50") int size, @AuthenticationPrincipal Jwt token) {
        TenantConfiguration config = tenants.current();
        Actor actor = Staff.of(token, config);
        if (page < 0 || size < 1 || size > 200) {
            throw new Refusal(400, "invalid-page", "Неверная страница", "page ≥ 0, size от 1 до 200").with("field", size < 1 || size > 200 ? "size" : "page");
        }
        if (q != null && q.length() > 500) {
            throw new Refusal(400, "invalid-field", "Поле заполнено неверно", "Строка поиска длиннее 500 символов").with("field", "q");
        }
        MessageSearch.Sort order = MessageSearch.Sort.named(sort).orElseThrow(() -> new Refusal(400, "invalid-field", "Поле заполнено неверно",
                "Порядок сортировки — received-desc, received-asc или due-asc").with("field", "sort"));
        // Without message.view a person sees only what they execute.
        String onlyExecutor = config.permissionsOf(actor.roles()).contains("message.view") ? null : actor.name();
        // Files' text is the citizen's personal data: searched for those who may see it (an executor sees only their own messages).
        boolean mayReadFiles = onlyExecutor != null || config.permissionsOf(actor.roles()).contains("message.view-personal-data");
        Instant now = messages.clock().instant();
        MessageSearch.Page found = search.find(new MessageSearch.Filter(state, channel, category, block, recipient, executor, overdue, atRisk,
                from, to, q, onlyExecutor, order, page, size, mayReadFiles), now);
        List<MessageView> items = messages.all(found.ids()).stream().map(m -> MessageView.of(m, config,
                m.personalDataVisibleTo(actor, config), now, List.of())).toList();
        return new Found(items, found.total(), page, size);
    }

    record ChannelView(String code, String name, boolean mayRegister) {
    }

    /** The municipality's channels, and which of them the caller may enter messages into by hand. */
    @GetMapping("/channels")
    List<ChannelView> channels(@AuthenticationPrincipal Jwt token) {
        TenantConfiguration config = tenants.current();
        Actor actor = Staff.of(token, config);
        return config.channels().values().stream().map(c -> new ChannelView(c.code(), c.name(), mayRegister(actor, config, c.code()))).toList();
    }

    /** Overdue and at-risk open items, per block, recipient and executor. */
    @GetMapping("/deadlines")
    MessageSearch.DeadlineReport deadlines(@AuthenticationPrincipal Jwt token) {
        TenantConfiguration config = tenants.current();
        Staff.requireAny(token, config, Set.of("message.view"), "Сроки по муниципалитету видят роли с правом message.view");
        return search.deadlines(messages.clock().instant());
    }

    @GetMapping("/{id}")
    Detail get(@PathVariable UUID id, @AuthenticationPrincipal Jwt token) {
        TenantConfiguration config = tenants.current();
        Actor actor = Staff.of(token, config);
        Message message = messages.visible(id, actor, config);
        return new Detail(view(message, config, actor), deadlines.history(id));
    }

    /** One step of the regulation, e.g. POST /api/messages/{id}/actions/assign {"executor": "…", "deadline": "…", "version": 3}. */
    @PostMapping("/{id}/actions/{action}")
    MessageView act(@PathVariable UUID id, @PathVariable String action, @RequestBody(required = false) Workflow.Step step,
                    @AuthenticationPrincipal Jwt token) {
        TenantConfiguration config = tenants.current();
        Actor actor = Staff.of(token, config);
        messages.visible(id, actor, config);
        Workflow.Step given = step != null ? step : Workflow.Step.of(null);
        if (given.by() != null) {
            throw Refusal.invalid("by", "Шаги внешних участников (by) передаются только через машинный API подключений");
        }
        try {
            return view(workflow.act(config, id, action, given, actor), config, actor);
        } catch (Refusal refusal) {
            if (refusal.status() == 409) {
                // The loser of a race sees what the winner made of the message.
                refusal.with("current", view(messages.get(id), config, actor));
            }
            throw refusal;
        }
    }

    record Pause(String reason, Long version) {
    }

    /** Waiting for the citizen: the clock stops until {@code /resume}. */
    @PostMapping("/{id}/pause")
    MessageView pause(@PathVariable UUID id, @RequestBody(required = false) Pause body, @AuthenticationPrincipal Jwt token) {
        return pauseOrResume(id, false, body, token);
    }

    @PostMapping("/{id}/resume")
    MessageView resume(@PathVariable UUID id, @RequestBody(required = false) Pause body, @AuthenticationPrincipal Jwt token) {
        return pauseOrResume(id, true, body, token);
    }

    private MessageView pauseOrResume(UUID id, boolean resume, Pause body, Jwt token) {
        TenantConfiguration config = tenants.current();
        Actor actor = Staff.of(token, config);
        messages.visible(id, actor, config);
        Pause given = body != null ? body : new Pause(null, null);
        return view(workflow.pause(config, id, resume, given.reason(), given.version(), actor), config, actor);
    }


    private MessageView view(Message message, TenantConfiguration config, Actor actor) {
        return MessageView.of(message, config, message.personalDataVisibleTo(actor, config), messages.clock().instant(),
                workflow.available(config, message, actor));
    }

    /** Whoever works the channel's regulation (or holds message.register) may enter its messages by hand. */
    private static boolean mayRegister(Actor actor, TenantConfiguration config, String channel) {
        if (config.permissionsOf(actor.roles()).contains("message.register")) {
            return true;
        }
        var responsible = config.channel(channel).map(TenantConfiguration.Channel::responsibleRole);
        if (responsible.isPresent() && actor.roles().contains(responsible.get())) {
            return true;
        }
        return config.regulationOf(channel).map(r -> r.transitions().stream()
                .anyMatch(t -> t.takenByRole() && t.roles().stream().anyMatch(actor.roles()::contains))).orElse(true);
    }
}
