package ru.mcu.core.attachment;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/** Real files of each kind, made by the tests with the libraries that write them (PDFBox, POI, ImageIO, java.util.zip). */
final class TestFiles {
    private TestFiles() {
    }

    static byte[] pdf(String text, String userPassword) throws IOException {
        return pdf(List.of(List.of(text)), userPassword);
    }

    /** A PDF of the pages given, each a list of lines, in DejaVu Sans (Cyrillic), encrypted with the user password if one is given. */
    static byte[] pdf(List<List<String>> pages, String userPassword) throws IOException {
        try (PDDocument document = new PDDocument(); InputStream in = TestFiles.class.getResourceAsStream("/net/sf/jasperreports/fonts/dejavu/DejaVuSans.ttf")) {
            PDFont font = PDType0Font.load(document, in);
            for (List<String> lines : pages) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(font, 11);
                    content.setLeading(14);
                    content.newLineAtOffset(56, 740);
                    for (String line : lines) {
                        content.showText(line);
                        content.newLine();
                    }
                    content.endText();
                }
            }
            if (userPassword != null) {
                StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-" + userPassword, userPassword, new AccessPermission());
                policy.setEncryptionKeyLength(128);
                document.protect(policy);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    static byte[] docx(String... paragraphs) throws IOException {
        try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String paragraph : paragraphs) {
                document.createParagraph().createRun().setText(paragraph);
            }
            document.write(out);
            return out.toByteArray();
        }
    }

    static byte[] xlsx(String text) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            book.createSheet("Лист").createRow(0).createCell(0).setCellValue(text);
            book.write(out);
            return out.toByteArray();
        }
    }

    /** A photo-like JPEG: a gradient with noise, so it compresses as a photo does, not as a flat colour. */
    static byte[] jpeg(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(width * 31L + height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int grey = Math.min(255, (x * 255 / width + y * 128 / height) / 2 + random.nextInt(48));
                image.setRGB(x, y, new Color(grey, Math.min(255, grey + 10), Math.max(0, grey - 10)).getRGB());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    /** The bomb inside another archive, as a file of it: the guard opens archives within archives. */
    static byte[] nestedBomb() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("photos.zip"));
            zip.write(bomb());
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    /** 200 MB of one letter in a text file, zipped to a few hundred kilobytes. */
    static byte[] bomb() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(9);
            zip.putNextEntry(new ZipEntry("readme.txt"));
            byte[] chunk = new byte[1024 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'a');
            for (int i = 0; i < 200; i++) {
                zip.write(chunk);
            }
            zip.closeEntry();
        }
        return out.toByteArray();
    }
}
