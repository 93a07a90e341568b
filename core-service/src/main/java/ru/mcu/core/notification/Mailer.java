package ru.mcu.core.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import ru.mcu.platform.tenancy.CurrentTenant;

/**
 * Sends the municipality's pending notices by e-mail through its own SMTP server (mail_settings);
 * a municipality with no server set keeps them in the application only. A failed send is retried
 * on the next round.
 */
@Component
class Mailer {
    private static final Logger log = LoggerFactory.getLogger(Mailer.class);
    private static final int ROUND = 100;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    Mailer(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    Optional<Notifications.MailServer> settings() {
        return jdbc.query("select * from mail_settings", (rs, n) -> new Notifications.MailServer(rs.getString("host"), rs.getInt("port"),
                rs.getString("username"), rs.getString("password"), rs.getString("from_address"), rs.getBoolean("starttls"))).stream().findFirst();
    }

    /** One round for the bound municipality: returns how many notices went out. */
    int sendPending() {
        CurrentTenant.required();
        Integer sent = tx.execute(status -> {
            Optional<Notifications.MailServer> settings = settings();
            if (settings.isEmpty()) {
                return 0;
            }
            JavaMailSenderImpl sender = sender(settings.get());
            // Locked rows are another instance's round: skip them rather than send twice.
            List<Map<String, Object>> pending = jdbc.queryForList("select id, email, subject, body from notification "
                    + "where email is not null and emailed_at is null order by created_at limit ? for update skip locked", ROUND);
            int count = 0;
            for (Map<String, Object> notice : pending) {
                SimpleMailMessage mail = new SimpleMailMessage();
                mail.setFrom(settings.get().from());
                mail.setTo((String) notice.get("email"));
                mail.setSubject("МЦУ: " + notice.get("subject"));
                mail.setText(notice.get("body") + "\n\nУведомление платформы МЦУ.");
                try {
                    sender.send(mail);
                } catch (MailException e) {
                    log.warn("Notice {} not sent: {}", notice.get("id"), e.getMessage());
                    break;
                }
                jdbc.update("update notification set emailed_at = ? where id = ?", Timestamp.from(clock.instant()), (UUID) notice.get("id"));
                count++;
            }
            return count;
        });
        return sent == null ? 0 : sent;
    }

    static JavaMailSenderImpl sender(Notifications.MailServer settings) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(settings.host());
        sender.setPort(settings.port());
        sender.setUsername(settings.username());
        sender.setPassword(settings.password());
        sender.setDefaultEncoding("UTF-8");
        Properties properties = sender.getJavaMailProperties();
        properties.put("mail.smtp.auth", String.valueOf(settings.username() != null));
        String starttls = String.valueOf(Boolean.TRUE.equals(settings.starttls()));
        properties.put("mail.smtp.starttls.enable", starttls);
        properties.put("mail.smtp.starttls.required", starttls);
        properties.put("mail.smtp.connectiontimeout", "5000");
        properties.put("mail.smtp.timeout", "10000");
        properties.put("mail.smtp.writetimeout", "10000");
        return sender;
    }
}
