package ru.mcu.core.analytics.report;

import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import ru.mcu.core.analytics.Dashboard;
import ru.mcu.core.analytics.Ratings;
import ru.mcu.core.notification.OutgoingMail;
import ru.mcu.core.tenant.TenantConfiguration;
import ru.mcu.platform.tenancy.CurrentTenant;

/**
 * Reports made in the background: the dashboard and ratings as a PDF report or an Excel workbook, and
 * the template's reporting duties as PDF reports. Each is a row that shows its stage and progress
 * while it is made and keeps its document after; a duty's report goes by e-mail to the addresses the
 * municipality gave for its recipient, through the municipality's own mail server.
 */
@Service
public class Reports {
    private static final Logger log = LoggerFactory.getLogger(Reports.class);
    /** The dashboard itself, rather than one of the template's duties. */
    public static final String DASHBOARD = "dashboard";
    /** A report still «running» this long after it began was cut short (its instance stopped): shown as failed. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(15);
    static final String PDF = "application/pdf";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /** Every column but the document, for lists. */
    private static final String SHOWN = "id, kind, title, format, period_from, period_to, status, progress, stage, failure, requested_by, scheduled, "
            + "created_at, finished_at, size, emailed_to, emailed_at, mail_problem";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

    public record Report(UUID id, String kind, String title, String format, LocalDate from, LocalDate to, String status, int progress,
                         String stage, String failure, String requestedBy, boolean scheduled, Instant createdAt, Instant finishedAt,
                         Integer size, List<String> emailedTo, Instant emailedAt, String mailProblem) {
    }

    /** A reporting duty of the template with the municipality's addresses for it and its latest report. */
    public record Duty(String code, String name, String preparedBy, String preparedByName, String recipient, String frequency, boolean scheduled,
                       String source, List<String> emails, Report latest) {
    }

    public record Document(String fileName, String contentType, byte[] content) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Dashboard dashboard;
    private final Ratings ratings;
    private final ru.mcu.core.roadmap.Roadmaps roadmaps;
    private final OutgoingMail mail;
    private final Clock clock;

    Reports(JdbcTemplate jdbc, TransactionTemplate tx, Dashboard dashboard, Ratings ratings, ru.mcu.core.roadmap.Roadmaps roadmaps,
            OutgoingMail mail, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.dashboard = dashboard;
        this.ratings = ratings;
        this.roadmaps = roadmaps;
        this.mail = mail;
        this.clock = clock;
    }

    /**
     * Begins a report of the bound municipality and returns at once; it is made on a thread of its
     * own once the row is committed. {@code send}: a duty's report also goes to its recipients.
     */
    public Report start(TenantConfiguration config, String kind, String format, LocalDate from, LocalDate to, String by, boolean send) {
        UUID id = UUID.randomUUID();
        update("insert into report (tenant_id, id, kind, title, format, period_from, period_to, status, stage, requested_by, created_at) "
                        + "values (current_tenant(), ?, ?, ?, ?, ?, ?, 'running', ?, ?, ?)", id, kind, title(config, kind), format, Date.valueOf(from),
                Date.valueOf(to), "в очереди", by, Timestamp.from(clock.instant()));
        begin(config, id, kind, format, from, to, send);
        return tx.execute(status -> get(id)).orElseThrow();
    }

    /** A duty's report for one period on its schedule: begun unless this period's is already made (here or by another instance). */
    Optional<Report> startScheduled(TenantConfiguration config, TenantConfiguration.ReportDuty duty, LocalDate from, LocalDate to) {
        UUID id = UUID.randomUUID();
        int inserted = update("insert into report (tenant_id, id, kind, title, format, period_from, period_to, status, stage, requested_by, "
                        + "scheduled, created_at) values (current_tenant(), ?, ?, ?, 'pdf', ?, ?, 'running', ?, 'по расписанию', true, ?) "
                        + "on conflict do nothing", id, duty.code(), duty.name(), Date.valueOf(from), Date.valueOf(to), "в очереди",
                Timestamp.from(clock.instant()));
        if (inserted == 0) {
            return Optional.empty();
        }
        begin(config, id, duty.code(), "pdf", from, to, true);
        return tx.execute(status -> get(id));
    }

    private void begin(TenantConfiguration config, UUID id, String kind, String format, LocalDate from, LocalDate to, boolean send) {
        String tenant = CurrentTenant.required();
        Thread.ofVirtual().name("report-" + id).start(() -> CurrentTenant.run(tenant, () -> make(config, id, kind, format, from, to, send)));
    }

    private void make(TenantConfiguration config, UUID id, String kind, String format, LocalDate from, LocalDate to, boolean send) {
        try {
            stage(id, 10, "показатели");
            Instant now = clock.instant();
            long days = ChronoUnit.DAYS.between(from, to) + 1;
            Dashboard.Summary summary = dashboard.summary(config, from, to,
                    days > 93 ? Dashboard.Trend.MONTH : days > 31 ? Dashboard.Trend.WEEK : Dashboard.Trend.DAY, now);
            stage(id, 40, "рейтинги");
            List<Ratings.Rating> rated = ratings.of(config, from, to);
            stage(id, 70, "документ");
            byte[] content = "xlsx".equals(format) ? DashboardWorkbook.of(config.name(), summary, rated)
                    : ReportDocument.of(heading(config, kind, summary, now), summary, rated, roadmaps.all(config));
            update("update report set content = ?, size = ? where id = ?", content, content.length, id);
            Optional<TenantConfiguration.ReportDuty> duty = config.report(kind);
            if (send && duty.isPresent()) {
                stage(id, 90, "отправка");
                mailOut(config, id, duty.get(), from, to, content);
            }
            update("update report set status = 'done', progress = 100, stage = null, finished_at = ? where id = ?", Timestamp.from(clock.instant()), id);
        } catch (RuntimeException e) {
            log.warn("Report {} failed", id, e);
            update("update report set status = 'failed', stage = null, failure = ?, finished_at = ? where id = ?",
                    "Отчёт не сформирован: " + e.getMessage(), Timestamp.from(clock.instant()), id);
        }
    }

    private void mailOut(TenantConfiguration config, UUID id, TenantConfiguration.ReportDuty duty, LocalDate from, LocalDate to, byte[] content) {
        List<String> addresses = tx.execute(status -> recipients(duty.code()));
        if (addresses.isEmpty()) {
            update("update report set mail_problem = ? where id = ?", "адреса получателей не заданы", id);
            return;
        }
        String period = DAY.format(from) + " — " + DAY.format(to);
        OutgoingMail.Outcome outcome = tx.execute(status -> mail.send(addresses, duty.name() + " (" + period + ")",
                duty.name() + "\n" + config.name() + ", период " + period + (duty.recipient() == null ? "" : "\nПолучатель: " + duty.recipient())
                        + "\n\nОтчёт во вложении. Сформирован платформой МЦУ.",
                new OutgoingMail.Attachment(fileName(config, duty.code(), "pdf", from, to), PDF, content)));
        if (outcome.sent()) {
            tx.executeWithoutResult(status -> jdbc.update(connection -> {
                var statement = connection.prepareStatement("update report set emailed_to = ?, emailed_at = ? where id = ?");
                statement.setArray(1, connection.createArrayOf("text", addresses.toArray()));
                statement.setTimestamp(2, Timestamp.from(clock.instant()));
                statement.setObject(3, id);
                return statement;
            }));
        } else {
            update("update report set mail_problem = ? where id = ?", outcome.problem(), id);
        }
    }

    private void stage(UUID id, int progress, String stage) {
        update("update report set progress = ?, stage = ? where id = ?", progress, stage, id);
    }

    /** One statement in a transaction of its own: each stage shows while the report is still being made. */
    private int update(String sql, Object... args) {
        Integer n = tx.execute(status -> jdbc.update(sql, args));
        return n == null ? 0 : n;
    }

    private ReportDocument.Heading heading(TenantConfiguration config, String kind, Dashboard.Summary s, Instant now) {
        List<String> lines = new ArrayList<>();
        lines.add("Муниципалитет: " + config.name());
        lines.add("Период: " + DAY.format(s.from()) + " — " + DAY.format(s.to()) + "; сравнение с " + DAY.format(s.previousFrom()) + " — "
                + DAY.format(s.previousTo()));
        config.report(kind).ifPresent(duty -> {
            if (duty.recipient() != null) {
                lines.add("Получатель: " + duty.recipient());
            }
            if (duty.preparedBy() != null) {
                lines.add("Готовит: " + config.roleName(duty.preparedBy()));
            }
            if (duty.source() != null) {
                lines.add("Основание: " + duty.source());
            }
        });
        lines.add("Сформирован: " + MOMENT.format(now.atZone(config.zone())) + " (" + config.zone().getId() + "); дни — по времени "
                + config.zone().getId());
        return new ReportDocument.Heading(title(config, kind), lines);
    }

    String title(TenantConfiguration config, String kind) {
        return config.report(kind).map(TenantConfiguration.ReportDuty::name).orElse("Аналитика МЦУ: " + config.name());
    }

    @Transactional(readOnly = true)
    public Optional<Report> get(UUID id) {
        return jdbc.query("select " + SHOWN + " from report where id = ?", this::report, id).stream().findFirst();
    }

    /** The bound municipality's latest reports, newest first. */
    @Transactional(readOnly = true)
    public List<Report> recent(int limit) {
        return jdbc.query("select " + SHOWN + " from report order by created_at desc limit ?", this::report, limit);
    }

    @Transactional(readOnly = true)
    public Optional<Document> document(TenantConfiguration config, UUID id) {
        return jdbc.query("select kind, format, period_from, period_to, content from report where id = ? and status = 'done'", (rs, n) -> {
            String format = rs.getString("format");
            return new Document(fileName(config, rs.getString("kind"), format, rs.getDate("period_from").toLocalDate(),
                    rs.getDate("period_to").toLocalDate()), "xlsx".equals(format) ? XLSX : PDF, rs.getBytes("content"));
        }, id).stream().findFirst();
    }

    /** The template's duties, each with its addresses and latest report. */
    @Transactional(readOnly = true)
    public List<Duty> duties(TenantConfiguration config) {
        Map<String, List<String>> emails = new java.util.HashMap<>();
        jdbc.query("select duty, emails from report_recipients", rs -> {
            emails.put(rs.getString("duty"), strings(rs.getArray("emails")));
        });
        Map<String, Report> latest = new java.util.HashMap<>();
        jdbc.query("select distinct on (kind) " + SHOWN + " from report order by kind, created_at desc", (rs, n) -> report(rs, n))
                .forEach(r -> latest.put(r.kind(), r));
        return config.reports().stream().map(d -> new Duty(d.code(), d.name(), d.preparedBy(), d.preparedBy() == null ? null
                        : config.roleName(d.preparedBy()), d.recipient(), d.frequency(), d.scheduled(), d.source(),
                emails.getOrDefault(d.code(), List.of()), latest.get(d.code()))).toList();
    }

    @Transactional(readOnly = true)
    public List<String> recipients(String duty) {
        return jdbc.query("select emails from report_recipients where duty = ?", (rs, n) -> strings(rs.getArray("emails")), duty).stream()
                .findFirst().orElse(List.of());
    }

    /** Sets (or, with none, clears) the addresses a duty's report goes to. */
    @Transactional
    public void setRecipients(String duty, List<String> emails, String by) {
        if (emails.isEmpty()) {
            jdbc.update("delete from report_recipients where duty = ?", duty);
            return;
        }
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("insert into report_recipients (tenant_id, duty, emails, updated_by, updated_at) "
                    + "values (current_tenant(), ?, ?, ?, ?) on conflict (tenant_id, duty) do update set emails = excluded.emails, "
                    + "updated_by = excluded.updated_by, updated_at = excluded.updated_at");
            statement.setString(1, duty);
            statement.setArray(2, connection.createArrayOf("text", emails.toArray()));
            statement.setString(3, by);
            statement.setTimestamp(4, Timestamp.from(clock.instant()));
            return statement;
        });
    }

    static String fileName(TenantConfiguration config, String kind, String format, LocalDate from, LocalDate to) {
        return (DASHBOARD.equals(kind) ? "аналитика" : kind) + "-" + config.slug() + "-" + from + "-" + to + "." + format;
    }

    private Report report(ResultSet rs, int n) throws SQLException {
        String status = rs.getString("status");
        String failure = rs.getString("failure");
        Instant created = rs.getTimestamp("created_at").toInstant();
        if ("running".equals(status) && created.isBefore(clock.instant().minus(ABANDONED_AFTER))) {
            status = "failed";
            failure = "Отчёт не сформирован: работа прервана (сервис перезапускался); закажите его снова";
        }
        Timestamp finished = rs.getTimestamp("finished_at");
        Timestamp emailed = rs.getTimestamp("emailed_at");
        return new Report(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("title"), rs.getString("format"),
                rs.getDate("period_from").toLocalDate(), rs.getDate("period_to").toLocalDate(), status, rs.getInt("progress"), rs.getString("stage"),
                failure, rs.getString("requested_by"), rs.getBoolean("scheduled"), created, finished == null ? null : finished.toInstant(),
                (Integer) rs.getObject("size"), strings(rs.getArray("emailed_to")), emailed == null ? null : emailed.toInstant(),
                rs.getString("mail_problem"));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
