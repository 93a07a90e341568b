package ru.mcu.core.attachment.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import ru.mcu.core.attachment.Attachments;
import ru.mcu.core.message.Message;
import ru.mcu.core.message.Messages;
import ru.mcu.core.shared.Actor;
import ru.mcu.core.shared.Connectors;
import ru.mcu.core.shared.Refusal;
import ru.mcu.core.shared.Staff;
import ru.mcu.core.tenant.TenantConfiguration;
import ru.mcu.core.tenant.TenantStatuses;

/**
 * A message's files: staff who may see the message list them and add one (the body is the file, its
 * name in {@code name}); the name, the extracted text, the metadata and the bytes are the citizen's
 * personal data, shown only to whoever may see the message's personal data. A connector adds a file to
 * a message of its channel by the message's external id, and takes the files staff attached to the
 * answer ({@code forAnswer}) when it publishes the answer.
 */
@RestController
class AttachmentController {
    private final Attachments attachments;
    private final Messages messages;
    private final TenantStatuses tenants;

    AttachmentController(Attachments attachments, Messages messages, TenantStatuses tenants) {
        this.attachments = attachments;
        this.messages = messages;
        this.tenants = tenants;
    }

    @GetMapping("/api/attachments/messages/{messageId}")
    List<Attachments.AttachmentView> list(@PathVariable UUID messageId, @AuthenticationPrincipal Jwt token) {
        TenantConfiguration config = tenants.current();
        Actor actor = Staff.of(token, config);
        Message message = messages.visible(messageId, actor, config);
        return attachments.of(messageId, message.personalDataVisibleTo(actor, config));
    }

    @PostMapping("/api/attachments/messages/{messageId}")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "the file itself", content = @io.swagger.v3.oas.annotations.media.Content(
            mediaType = "application/octet-stream", schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary")))
    ResponseEntity<Attachments.AttachmentView> add(@PathVariable UUID messageId, @RequestParam(required = false) String name,
                                                   @RequestParam(defaultValue = "false") boolean forAnswer, HttpServletRequest request,
                                                   @AuthenticationPrincipal Jwt token) throws IOException {
        TenantConfiguration config = tenants.current();
        Actor actor = Staff.of(token, config);
        Message message = messages.visible(messageId, actor, config);
        // A file of the answer goes to the citizen's platform with it: only for whoever answers or publishes answers.
        if (forAnswer && !actor.name().equals(message.getExecutor())
                && java.util.Collections.disjoint(config.permissionsOf(actor.roles()), Set.of("message.answer", "message.publish"))) {
            throw new Refusal(403, "role-not-allowed", "Файлы к ответу прикладывает тот, кто отвечает", "Приложить файл к ответу может исполнитель "
                    + "сообщения или роль с правом message.answer или message.publish").with("field", "forAnswer");
        }
        Attachments.AttachmentView added = attachments.add(message, name, request.getContentType(), body(request), Attachments.Source.STAFF, actor,
                forAnswer);
        return ResponseEntity.created(URI.create("/api/attachments/" + added.id() + "/content")).body(added);
    }

    @GetMapping("/api/attachments/{id}/content")
    ResponseEntity<byte[]> content(@PathVariable UUID id, @AuthenticationPrincipal Jwt token) {
        TenantConfiguration config = tenants.current();
        Actor actor = Staff.of(token, config);
        UUID messageId = attachments.messageOf(id).orElseThrow(() -> notFound(id));
        Message message = messages.visible(messageId, actor, config);
        if (!message.personalDataVisibleTo(actor, config)) {
            throw new Refusal(403, "personal-data-hidden", "Файл недоступен", "Файлы сообщения — персональные данные заявителя: их видят роли "
                    + "с правом message.view-personal-data и исполнитель сообщения");
        }
        return download(attachments.content(messageId, id, false).orElseThrow(() -> notFound(id)));
    }

    private static ResponseEntity<byte[]> download(Attachments.Content content) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(content.type()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(content.name(), StandardCharsets.UTF_8).build().toString())
                // The detected type is the one served; the browser must not guess another from the bytes.
                .header("X-Content-Type-Options", "nosniff")
                .eTag("\"" + content.sha256() + "\"")
                .body(content.bytes());
    }

    /** A connector's file for a message of its channel, e.g. a photo the citizen sent after the message. */
    @PostMapping("/api/intake/attachments/{channel}/{externalId}")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "the file itself", content = @io.swagger.v3.oas.annotations.media.Content(
            mediaType = "application/octet-stream", schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary")))
    ResponseEntity<Attachments.AttachmentView> relay(@PathVariable String channel, @PathVariable String externalId, @RequestParam(required = false) String name,
                                           HttpServletRequest request, @AuthenticationPrincipal Jwt token) throws IOException {
        Actor actor = Connectors.of(token);
        Message message = ofChannel(channel, externalId, actor);
        Attachments.AttachmentView added = attachments.add(message, name, request.getContentType(), body(request), Attachments.Source.CONNECTOR, actor,
                false);
        return ResponseEntity.created(URI.create("/api/attachments/" + added.id() + "/content")).body(added);
    }

    /** The files staff attached to the answer, for the connector that publishes it on the source platform (the citizen's own files are not among them). */
    @GetMapping("/api/intake/attachments/{channel}/{externalId}")
    List<Attachments.AttachmentView> answerFiles(@PathVariable String channel, @PathVariable String externalId, @AuthenticationPrincipal Jwt token) {
        return attachments.ofAnswer(ofChannel(channel, externalId, Connectors.of(token)).getId());
    }

    @GetMapping("/api/intake/attachments/{channel}/{externalId}/{id}/content")
    ResponseEntity<byte[]> answerFile(@PathVariable String channel, @PathVariable String externalId, @PathVariable UUID id,
                                      @AuthenticationPrincipal Jwt token) {
        Message message = ofChannel(channel, externalId, Connectors.of(token));
        return download(attachments.content(message.getId(), id, true).orElseThrow(() -> notFound(id)));
    }

    private Message ofChannel(String channel, String externalId, Actor connector) {
        if (!connector.mayUseChannel(channel)) {
            throw new Refusal(403, "channel-not-granted", "Канал не разрешён подключению", "Клиенту «" + connector.name()
                    + "» не выдан доступ к каналу сообщения").with("field", "channel");
        }
        return messages.byExternalId(channel, externalId);
    }

    /** The file, read up to one byte past the limit: a longer one is refused without reading it all. */
    private byte[] body(HttpServletRequest request) throws IOException {
        long max = attachments.limits().maxFileSize().toBytes();
        try (InputStream in = request.getInputStream()) {
            return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        }
    }


    private static Refusal notFound(UUID id) {
        return new Refusal(404, "attachment-not-found", "Файл не найден", "Файла " + id + " нет среди файлов сообщений муниципалитета");
    }
}
