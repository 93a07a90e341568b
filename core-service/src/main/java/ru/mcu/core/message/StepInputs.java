package ru.mcu.core.message;

import java.time.Instant;
import java.util.Set;

import org.springframework.stereotype.Component;

import ru.mcu.core.shared.Refusal;
import ru.mcu.core.tenant.StaffMembers;
import ru.mcu.core.tenant.TenantConfiguration;
import ru.mcu.core.tenant.TenantConfiguration.Transition;

/**
 * What a step brings, checked against the template before anything moves: the inputs its
 * {@code requires} names, the limits every field keeps, the executor (active staff with a role that
 * answers), the recipient (one of the block's), and a backdated registration's moment.
 */
@Component
class StepInputs {
    private final StaffMembers staff;

    StepInputs(StaffMembers staff) {
        this.staff = staff;
    }

    /** Refuses what the step may not carry; returns the moment the step counts as taken. */
    Instant check(TenantConfiguration config, Transition transition, Workflow.Step step, Message message, Instant now) {
        required(config, transition, step, message, now);
        Instant at = backdated(transition, step, message, now);
        if (step.recipient() != null) {
            recipient(config, message, step);
        }
        if (step.executor() != null) {
            executor(config, step.executor());
        }
        return at;
    }

    private static void required(TenantConfiguration config, Transition t, Workflow.Step step, Message message, Instant now) {
        Fields.text("comment", step.comment(), Intake.MAX_TEXT);
        Fields.text("answer", step.answer(), Intake.MAX_TEXT);
        Fields.text("reason", step.reason(), 2000);
        Fields.text("executor", step.executor(), 200);
        Fields.code("recipient", step.recipient());
        Fields.code("category", step.category());
        Fields.code("subcategory", step.subcategory());
        Fields.code("resultStatus", step.resultStatus());
        Fields.moment("deadline", step.deadline(), now);
        Fields.moment("registeredAt", step.registeredAt(), now);
        if (step.subcategory() != null && !config.subcategoriesOf(step.category() != null ? step.category() : String.valueOf(message.getCategory()))
                .contains(step.subcategory())) {
            throw Refusal.invalid("subcategory", "Подкатегории «" + step.subcategory() + "» нет у категории в конфигурации муниципалитета");
        }
        if (step.resultStatus() != null) {
            // Checked whenever given, not only where the step requires it: any step may carry one, and it is stored.
            Set<String> allowed = config.regulation(message.getRegulation()).map(TenantConfiguration.Regulation::allowedResultStatuses)
                    .orElse(TenantConfiguration.Regulation.DEFAULT_RESULT_STATUSES);
            if (!allowed.contains(step.resultStatus())) {
                throw Refusal.invalid("resultStatus", "Статус по результату — одно из: " + String.join(", ", allowed));
            }
        }
        for (String required : t.requires()) {
            switch (required) {
                case "executor" -> need(step.executor(), "executor", "Укажите исполнителя");
                case "deadline" -> {
                    if (step.deadline() == null) {
                        throw Refusal.invalid("deadline", "Укажите срок ответа исполнителя");
                    }
                }
                case "comment" -> need(step.comment(), "comment", "Нужен комментарий");
                case "reason" -> need(step.reason() != null ? step.reason() : step.comment(), "reason", "Укажите причину");
                case "category" -> need(step.category(), "category", "Укажите категорию");
                case "result-status" -> need(step.resultStatus(), "resultStatus", "Укажите статус по результату");
                case "answer" -> need(step.answer(), "answer", "Нужен текст ответа");
                case "days" -> {
                    if (step.days() == null) {
                        throw Refusal.invalid("days", "Укажите, на сколько дней продлевается срок");
                    }
                }
                case "contact-with-applicant" -> {
                    if (!Boolean.TRUE.equals(step.contactedApplicant())) {
                        throw Refusal.invalid("contactedApplicant", "Регламент требует связаться с заявителем до ответа: отметьте contactedApplicant");
                    }
                }
                default -> throw new IllegalStateException("unknown requirement " + required);
            }
        }
        if (step.deadline() != null && !step.deadline().isAfter(now)) {
            throw Refusal.invalid("deadline", "Срок " + step.deadline() + " уже прошёл");
        }
        if (step.executor() != null && step.executor().isBlank()) {
            throw Refusal.invalid("executor", "Исполнитель пуст");
        }
    }

    /**
     * An executor is active staff of the municipality (tenant-service's staff list) holding one of the
     * template's executor roles ({@link TenantConfiguration#executorRoles()}).
     */
    private void executor(TenantConfiguration config, String executor) {
        var member = staff.member(config.slug(), executor).filter(ru.mcu.core.tenant.StaffMembers.Member::active)
                .orElseThrow(() -> new Refusal(422, "not-staff", "Исполнитель не из сотрудников", "«" + executor
                        + "» не числится среди действующих сотрудников муниципалитета").with("field", "executor"));
        Set<String> answering = config.rolesWith("message.answer");
        Set<String> eligible = config.executorRoles();
        if (member.roles().stream().noneMatch(eligible::contains)) {
            throw new Refusal(422, "executor-role", "Эта роль не исполняет сообщения", "У «" + executor + "» нет роли, которой шаблон поручает "
                    + "ответ" + (answering.isEmpty() ? "" : " (" + String.join(", ", answering.stream().map(config::roleName).toList()) + ")"))
                    .with("field", "executor").with("roles", eligible);
        }
    }

    /** A responsible recipient is one of the template's recipients: of the message's block when it has one and lists any. */
    private static void recipient(TenantConfiguration config, Message message, Workflow.Step step) {
        String block = step.category() != null ? Intake.category(config, step.category(), "category") : message.getBlock();
        java.util.Set<String> allowed = new java.util.LinkedHashSet<>();
        if (block != null) {
            config.block(block).ifPresent(b -> allowed.addAll(b.recipients()));
        }
        if (allowed.isEmpty()) {
            config.blocks().values().forEach(b -> allowed.addAll(b.recipients()));
        }
        if (!allowed.contains(step.recipient())) {
            throw new Refusal(422, "unknown-recipient", "Неизвестный ответственный получатель", "Получателя «" + step.recipient()
                    + "» нет среди ответственных получателей " + (block != null ? "блока «" + block + "»" : "муниципалитета"))
                    .with("field", "recipient").with("recipients", allowed);
        }
    }

    private static void need(String value, String field, String detail) {
        if (value == null || value.isBlank()) {
            throw Refusal.invalid(field, detail);
        }
    }

    /**
     * The step's deadline: the one the template says it starts (computed on the channel's working
     * time, or supplied), else the one the actor set for the executor.
     */
    /**
     * The moment a step counts as taken: now, or, for registering an appeal, the earlier moment the
     * registration was really made (on paper), with its reason; never before arrival, never ahead.
     */
    private static Instant backdated(Transition t, Workflow.Step step, Message message, Instant now) {
        if (step.registeredAt() == null) {
            return now;
        }
        if (!"register".equals(t.action()) || !"appeal".equals(message.getKind())) {
            throw Refusal.invalid("registeredAt", "Задним числом регистрируется только обращение (действие «register»)");
        }
        if (step.registeredAt().isAfter(now)) {
            throw Refusal.invalid("registeredAt", "Момент регистрации " + step.registeredAt() + " ещё не наступил");
        }
        if (step.registeredAt().isBefore(message.getReceivedAt())) {
            throw Refusal.invalid("registeredAt", "Обращение не могли зарегистрировать (" + step.registeredAt() + ") раньше, чем оно поступило ("
                    + message.getReceivedAt() + ")");
        }
        if (step.reason() == null || step.reason().isBlank()) {
            throw Refusal.invalid("reason", "Укажите, почему регистрация вносится задним числом (например, журнал регистрации на бумаге)");
        }
        return step.registeredAt();
    }

}
