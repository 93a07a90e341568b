package ru.mcu.core.analytics.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import ru.mcu.core.analytics.Dashboard;
import ru.mcu.core.analytics.Ratings;

/**
 * The dashboard and the ratings as a PDF report in Russian: A4, DejaVu Sans embedded (a font with
 * Cyrillic that every reader shows the same), the measures against the previous period, the slices
 * by channel, block, recipient and territory, and each rating place by place.
 */
final class ReportDocument {
    private static final String FONTS = "/net/sf/jasperreports/fonts/dejavu/";
    private static final float MARGIN = 50;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy");

    /** What the report is and for whom: its title, and lines under it (municipality, period, duty, recipient). */
    record Heading(String title, List<String> lines) {
    }

    private final PDDocument pdf = new PDDocument();
    private final PDFont regular;
    private final PDFont bold;
    private PDPageContentStream page;
    private float y;

    private ReportDocument() throws IOException {
        regular = font("DejaVuSans.ttf");
        bold = font("DejaVuSans-Bold.ttf");
    }

    static byte[] of(Heading heading, Dashboard.Summary s, List<Ratings.Rating> ratings, List<ru.mcu.core.roadmap.Roadmaps.RoadmapView> roadmaps) {
        try {
            ReportDocument d = new ReportDocument();
            try (PDDocument pdf = d.pdf) {
                PDDocumentInformation info = pdf.getDocumentInformation();
                info.setTitle(heading.title());
                info.setCreator("Платформа МЦУ");
                d.newPage();
                d.paragraph(heading.title(), d.bold, 15);
                heading.lines().forEach(line -> d.paragraph(line, d.regular, 10));
                d.gap(8);
                d.paragraph("Показатели", d.bold, 12);
                List<String[]> rows = new ArrayList<>();
                for (MeasureRows.Row m : MeasureRows.of(s)) {
                    rows.add(new String[] {m.name(), format(m.current(), m.kind()), format(m.previous(), m.kind())});
                }
                d.table(new String[] {"Показатель", DAY.format(s.from()) + " — " + DAY.format(s.to()),
                                DAY.format(s.previousFrom()) + " — " + DAY.format(s.previousTo())},
                        new float[] {0.5f, 0.25f, 0.25f}, rows);
                d.slices("Каналы", "Канал", s.byChannel());
                d.slices("Блоки", "Блок", s.byBlock());
                d.slices("Ответственные получатели", "Получатель", s.byRecipient());
                d.slices("Территории", "Территория", s.byTerritory());
                for (Ratings.Rating rating : ratings) {
                    d.gap(8);
                    d.paragraph("Рейтинг: " + rating.name(), d.bold, 12);
                    if (rating.notComputed() != null) {
                        d.paragraph(rating.notComputed(), d.regular, 10);
                        continue;
                    }
                    List<String[]> places = new ArrayList<>();
                    for (Ratings.Place place : rating.places()) {
                        places.add(new String[] {place.place() == null ? "вне рейтинга" : String.valueOf(place.place()), place.name(),
                                format(place.score(), MeasureRows.Kind.DECIMAL), String.valueOf(place.received())});
                    }
                    d.table(new String[] {"Место", "Наименование", "Балл", "Поступило"}, new float[] {0.15f, 0.55f, 0.15f, 0.15f}, places);
                }
                if (!roadmaps.isEmpty()) {
                    // The roadmaps and what their measures changed: part of the reports to the head and to the ЦУР.
                    d.gap(8);
                    d.paragraph("Дорожные карты по устранению первопричин", d.bold, 12);
                    List<String[]> maps = new ArrayList<>();
                    for (ru.mcu.core.roadmap.Roadmaps.RoadmapView r : roadmaps) {
                        maps.add(new String[] {r.title(), (r.categoryName().isEmpty() ? "все категории" : r.categoryName()) + " · " + r.territoryName(),
                                "adopted".equals(r.status()) ? "принята" : "на утверждении", r.done() + " из " + r.measures().size(),
                                String.valueOf(r.overdue()), effect(r.effect())});
                    }
                    d.table(new String[] {"Дорожная карта", "Проблема", "Состояние", "Выполнено мер", "Просрочено", "Эффект"},
                            new float[] {0.26f, 0.22f, 0.13f, 0.11f, 0.1f, 0.18f}, maps);
                }
                d.page.close();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                pdf.save(out);
                return out.toByteArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** «4 → 1 (−16,7 %)»: the cluster's messages in the 30 days before the latest measure done and in the days after it. */
    static String effect(ru.mcu.core.roadmap.Roadmaps.Effect e) {
        if (e == null) {
            return "—";
        }
        return e.before() + " за 30 дн. → " + e.after() + " за " + e.afterDays() + " дн."
                + (e.change() == null ? "" : " (" + (e.change() > 0 ? "+" : "") + format(e.change(), MeasureRows.Kind.PERCENT) + ")");
    }

    static String format(Number value, MeasureRows.Kind kind) {
        if (value == null) {
            return "—";
        }
        DecimalFormatSymbols ru = DecimalFormatSymbols.getInstance(Locale.forLanguageTag("ru"));
        return switch (kind) {
            case COUNT -> new DecimalFormat("#,##0", ru).format(value);
            case DECIMAL -> new DecimalFormat("#,##0.0", ru).format(value);
            case PERCENT -> new DecimalFormat("0.0", ru).format(value.doubleValue() * 100) + " %";
        };
    }

    private PDFont font(String file) throws IOException {
        try (InputStream in = ReportDocument.class.getResourceAsStream(FONTS + file)) {
            if (in == null) {
                throw new IOException("font " + file + " is not on the classpath (net.sf.jasperreports:jasperreports-fonts)");
            }
            return PDType0Font.load(pdf, in);
        }
    }

    private void slices(String title, String head, List<Dashboard.Slice> slices) throws IOException {
        if (slices.isEmpty()) {
            return;
        }
        gap(8);
        paragraph(title, bold, 12);
        List<String[]> rows = new ArrayList<>();
        for (Dashboard.Slice slice : slices) {
            rows.add(new String[] {slice.name() == null ? "не определено" : slice.name(), String.valueOf(slice.received()),
                    String.valueOf(slice.answered()), format(slice.onTimeShare(), MeasureRows.Kind.PERCENT),
                    format(slice.meanAnswerHours(), MeasureRows.Kind.DECIMAL)});
        }
        table(new String[] {head, "Поступило", "Отвечено", "В срок", "Ср. время, ч"}, new float[] {0.40f, 0.14f, 0.14f, 0.14f, 0.18f}, rows);
    }

    private void newPage() throws IOException {
        if (page != null) {
            page.close();
        }
        PDPage next = new PDPage(PDRectangle.A4);
        pdf.addPage(next);
        page = new PDPageContentStream(pdf, next);
        y = PDRectangle.A4.getHeight() - MARGIN;
    }

    private void gap(float points) {
        y -= points;
    }

    private void paragraph(String text, PDFont font, float size) {
        try {
            for (String line : wrap(text, font, size, WIDTH)) {
                room(size * 1.4f);
                write(line, font, size, MARGIN);
                y -= size * 1.4f;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A table: a bold head row, then the rows; each cell wrapped within its column, a row never split across pages. */
    private void table(String[] head, float[] shares, List<String[]> rows) throws IOException {
        row(head, shares, bold);
        for (String[] cells : rows) {
            row(cells, shares, regular);
        }
    }

    private void row(String[] cells, float[] shares, PDFont font) throws IOException {
        float size = 9;
        float leading = size * 1.35f;
        List<List<String>> wrapped = new ArrayList<>();
        int lines = 1;
        for (int i = 0; i < cells.length; i++) {
            List<String> cell = wrap(cells[i] == null ? "" : cells[i], font, size, shares[i] * WIDTH - 6);
            wrapped.add(cell);
            lines = Math.max(lines, cell.size());
        }
        room(lines * leading + 4);
        float x = MARGIN;
        for (int i = 0; i < cells.length; i++) {
            float lineY = y;
            for (String line : wrapped.get(i)) {
                writeAt(line, font, size, x, lineY);
                lineY -= leading;
            }
            x += shares[i] * WIDTH;
        }
        y -= lines * leading + 2;
        page.setLineWidth(0.3f);
        page.moveTo(MARGIN, y + leading - size);
        page.lineTo(MARGIN + WIDTH, y + leading - size);
        page.stroke();
        y -= 2;
    }

    private void room(float needed) throws IOException {
        if (y - needed < MARGIN) {
            newPage();
        }
    }

    private void write(String text, PDFont font, float size, float x) throws IOException {
        writeAt(text, font, size, x, y);
    }

    private void writeAt(String text, PDFont font, float size, float x, float atY) throws IOException {
        page.beginText();
        page.setFont(font, size);
        page.newLineAtOffset(x, atY - size);
        page.showText(text);
        page.endText();
    }

    /** Words onto lines no wider than the width; a word longer than a line is cut. */
    static List<String> wrap(String text, PDFont font, float size, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.replace('\n', ' ').split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (font.getStringWidth(candidate) / 1000 * size <= width) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            String rest = word;
            while (font.getStringWidth(rest) / 1000 * size > width && rest.length() > 1) {
                int cut = rest.length() - 1;
                while (cut > 1 && font.getStringWidth(rest.substring(0, cut)) / 1000 * size > width) {
                    cut--;
                }
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            line.append(rest);
        }
        if (!line.isEmpty() || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
