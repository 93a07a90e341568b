package ru.mcu.core.message;

import java.time.Clock;
import java.time.Instant;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import ru.mcu.core.deadline.Deadlines;
import ru.mcu.core.deadline.WorkingCalendars;
import ru.mcu.core.tenant.TenantConfiguration;
import ru.mcu.core.workingtime.DeadlineCalculator;
import ru.mcu.platform.tenancy.CurrentTenant;

/**
 * After the municipality's calendar changed (a day off declared, a working day added): every open
 * deadline computed on the calendar is computed again from its start, the old due date kept in the
 * deadline history and each move announced ({@link DeadlineRecomputed}) for the audit trail.
 */
@Service
public class Recomputation {
    private final Deadlines deadlines;
    private final WorkingCalendars calendars;
    private final MessageRepository repository;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Recomputation(Deadlines deadlines, WorkingCalendars calendars, MessageRepository repository, ApplicationEventPublisher events,
                  Clock clock) {
        this.deadlines = deadlines;
        this.calendars = calendars;
        this.repository = repository;
        this.events = events;
        this.clock = clock;
    }

    /** In the caller's transaction, after the calendar change was written; returns how many due dates moved. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int afterCalendarChange(TenantConfiguration config, String reason, String actor) {
        calendars.forgetOverrides();
        Instant now = clock.instant();
        int moved = 0;
        for (Deadlines.Open open : deadlines.openRecomputable()) {
            var policy = deadlines.recomputablePolicy(config, open.messageKind(), open.channel(), open.priority(), open.kind());
            if (policy.isEmpty() || config.channel(open.channel()).isEmpty()) {
                continue;
            }
            DeadlineCalculator.Due due = calendars.calculator(config, open.channel()).due(policy.get(), open.startedAt(), null);
            if (due.at().equals(open.dueAt())) {
                continue;
            }
            deadlines.recomputed(open, due, now, reason);
            Message message = repository.findById(open.messageId()).orElseThrow();
            message.due(deadlines.nearest(open.messageId()));
            message.touch(now);
            events.publishEvent(new DeadlineRecomputed(CurrentTenant.required(), open.messageId(), open.kind(), open.dueAt(), due.at(), due.trace(),
                    message.getState(), reason, actor, now));
            moved++;
        }
        return moved;
    }
}
