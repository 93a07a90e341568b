package ru.mcu.core.attachment;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * What an attachment may be ({@code mcu.attachments.*}): its size and its message's total, how many a
 * message may carry, the types allowed (as detected from the bytes), and a parse's budget.
 *
 * @param maxFileSize    one file's largest size
 * @param maxMessageSize all of one message's files together
 * @param maxFiles       files per message
 * @param allowedTypes   media types (no parameters) that are taken; any other is refused
 * @param parseTime      how long one file's extraction may take before it is given up as failed
 * @param maxText        characters of extracted text kept (the rest is cut, and the cut is said)
 * @param pdfMemory      main memory PDFBox may use for one PDF before it spills to a temporary file
 */
@ConfigurationProperties("mcu.attachments")
public record AttachmentLimits(DataSize maxFileSize, DataSize maxMessageSize, Integer maxFiles, List<String> allowedTypes, Duration parseTime,
                               Integer maxText, DataSize pdfMemory) {
    static final List<String> DEFAULT_TYPES = List.of(
            "application/pdf", "application/rtf", "text/plain",
            "application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.ms-excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
            "image/jpeg", "image/png", "image/tiff", "image/heic", "image/heif", "image/webp", "application/zip",
            // What Tika's detector calls a password-protected DOCX/XLSX and an Office file it cannot tell more of: taken,
            // and their extraction ends as a recorded failure or a text, never as a refused message.
            "application/x-tika-ooxml-protected", "application/x-tika-msoffice");

    public AttachmentLimits {
        maxFileSize = maxFileSize != null ? maxFileSize : DataSize.ofMegabytes(10);
        maxMessageSize = maxMessageSize != null ? maxMessageSize : DataSize.ofMegabytes(30);
        maxFiles = maxFiles != null ? maxFiles : 20;
        allowedTypes = allowedTypes != null && !allowedTypes.isEmpty() ? List.copyOf(allowedTypes) : DEFAULT_TYPES;
        parseTime = parseTime != null ? parseTime : Duration.ofSeconds(30);
        maxText = maxText != null ? maxText : 1_000_000;
        pdfMemory = pdfMemory != null ? pdfMemory : DataSize.ofMegabytes(64);
    }
}
