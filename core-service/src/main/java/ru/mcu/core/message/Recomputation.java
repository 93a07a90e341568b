package ru.mcu.core.message;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import ru.mcu.core.audit.AuditTrail;
import ru.mcu.core.deadline.Deadlines;
import ru.mcu.core.tenant.TenantConfiguration;
import ru.mcu.core.workingtime.DeadlineCalculator;

/**
 * After the municipality's calendar changed (a day off declared, a working day added): every open
 * deadline computed on the calendar is computed again from its start, the old due date kept in the
 * deadline history and the change recorded in the audit trail.
 */
@Service
public class Recomputation {
    private final Deadlines deadlines;
    private final MessageRepository repository;
    private final AuditTrail audit;
    private final Clock clock;

    Recomputation(Deadlines deadlines, MessageRepository repository, AuditTrail audit, Clock clock) {
        this.deadlines = deadlines;
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
    }

    /** In the caller's transaction, after the calendar change was written; returns how many due dates moved. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int afterCalendarChange(TenantConfiguration config, String reason, String actor) {
        deadlines.forgetOverrides();
        Instant now = clock.instant();
        int moved = 0;
        for (Deadlines.Open open : deadlines.openRecomputable()) {
            var policy = deadlines.recomputablePolicy(config, open.messageKind(), open.channel(), open.priority(), open.kind());
            if (policy.isEmpty() || config.channel(open.channel()).isEmpty()) {
                continue;
            }
            DeadlineCalculator.Due due = deadlines.calculator(config, open.channel()).due(policy.get(), open.startedAt(), null);
            if (due.at().equals(open.dueAt())) {
                continue;
            }
            deadlines.recomputed(open, due, now, reason);
            Message message = repository.findById(open.messageId()).orElseThrow();
            message.due(deadlines.nearest(open.messageId()));
            message.touch(now);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("deadline", open.kind());
            details.put("previousDueAt", open.dueAt().toString());
            details.put("dueAt", due.at().toString());
            details.put("trace", due.trace());
            audit.append(now, List.of(new AuditTrail.Entry(open.messageId(), actor, List.of("calendar"), "recompute-deadline",
                    message.getState(), message.getState(), reason, details)));
            moved++;
        }
        return moved;
    }
}
