package ru.mcu.core.notification;

import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import ru.mcu.platform.tenancy.CurrentTenant;

/** A letter with a document, through the bound municipality's own SMTP server (as its notices go). */
@Component
public class OutgoingMail {
    public record Attachment(String fileName, String contentType, byte[] content) {
    }

    /** Sent, or why not: no server set, or the server's refusal. */
    public record Outcome(boolean sent, String problem) {
    }

    private final Mailer mailer;

    OutgoingMail(Mailer mailer) {
        this.mailer = mailer;
    }

    public Outcome send(List<String> to, String subject, String text, Attachment attachment) {
        CurrentTenant.required();
        var settings = mailer.settings();
        if (settings.isEmpty()) {
            return new Outcome(false, "почтовый сервер муниципалитета не задан");
        }
        JavaMailSenderImpl sender = Mailer.sender(settings.get());
        try {
            MimeMessage mail = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mail, true, "UTF-8");
            helper.setFrom(settings.get().from());
            helper.setTo(to.toArray(String[]::new));
            helper.setSubject(subject);
            helper.setText(text);
            helper.addAttachment(attachment.fileName(), new ByteArrayResource(attachment.content()), attachment.contentType());
            sender.send(mail);
            return new Outcome(true, null);
        } catch (MessagingException | MailException e) {
            return new Outcome(false, "почтовый сервер не принял письмо: " + e.getMessage());
        }
    }
}
