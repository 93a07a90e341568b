package ru.mcu.core.analytics.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import ru.mcu.core.analytics.Dashboard;
import ru.mcu.core.analytics.Ratings;

/**
 * The dashboard's tables and the ratings as one Excel workbook, a sheet per table, headed in Russian;
 * shares as percentages, times in hours, as the screen shows them.
 */
public final class DashboardWorkbook {
    private final XSSFWorkbook book = new XSSFWorkbook();
    private final CellStyle header;
    private final CellStyle percent;
    private final CellStyle decimal;
    private final Set<String> sheetNames = new HashSet<>();

    private DashboardWorkbook() {
        Font bold = book.createFont();
        bold.setBold(true);
        header = book.createCellStyle();
        header.setFont(bold);
        percent = book.createCellStyle();
        percent.setDataFormat(book.createDataFormat().getFormat("0.0%"));
        decimal = book.createCellStyle();
        decimal.setDataFormat(book.createDataFormat().getFormat("0.0"));
    }

    public static byte[] of(String municipality, Dashboard.Summary s, List<Ratings.Rating> ratings) {
        DashboardWorkbook w = new DashboardWorkbook();
        Sheet measures = w.sheet("Показатели", "Показатель", "Период " + s.from() + " — " + s.to(),
                "Предыдущий " + s.previousFrom() + " — " + s.previousTo());
        for (MeasureRows.Row m : MeasureRows.of(s)) {
            w.measure(measures, m.name(), m.current(), m.previous(), switch (m.kind()) {
                case COUNT -> null;
                case DECIMAL -> w.decimal;
                case PERCENT -> w.percent;
            });
        }
        measures.createRow(measures.getLastRowNum() + 2).createCell(0).setCellValue(municipality + "; дни — по времени " + s.timeZone());
        w.slices("Каналы", "Канал", s.byChannel());
        w.slices("Блоки", "Блок", s.byBlock());
        w.slices("Получатели", "Ответственный получатель", s.byRecipient());
        w.slices("Территории", "Территория", s.byTerritory());
        Sheet trend = w.sheet("Динамика", "С", "Поступило", "Отвечено", "Отвечено в срок");
        for (Dashboard.Point p : s.trend()) {
            Row row = trend.createRow(trend.getLastRowNum() + 1);
            row.createCell(0).setCellValue(p.from().toString());
            row.createCell(1).setCellValue(p.received());
            row.createCell(2).setCellValue(p.answered());
            row.createCell(3).setCellValue(p.answeredOnTime());
        }
        for (Ratings.Rating rating : ratings) {
            List<String> heads = new ArrayList<>(List.of("Место", "Наименование", "Балл"));
            rating.criteria().forEach(c -> heads.add(c.name()));
            Sheet sheet = w.sheet("Рейтинг " + rating.code(), heads.toArray(String[]::new));
            if (rating.notComputed() != null) {
                sheet.createRow(1).createCell(0).setCellValue(rating.notComputed());
            }
            for (Ratings.Place place : rating.places()) {
                Row row = sheet.createRow(sheet.getLastRowNum() + 1);
                row.createCell(0).setCellValue(place.place() == null ? "вне рейтинга" : String.valueOf(place.place()));
                row.createCell(1).setCellValue(place.name());
                w.number(row, 2, place.score(), w.decimal);
                for (int i = 0; i < rating.criteria().size(); i++) {
                    Ratings.Criterion c = rating.criteria().get(i);
                    w.number(row, 3 + i, place.figures().get(c.code()), c.figure() != null && c.figure().endsWith("Share") ? w.percent : null);
                }
            }
        }
        for (int i = 0; i < w.book.getNumberOfSheets(); i++) {
            Sheet sheet = w.book.getSheetAt(i);
            for (int c = 0; c < 8; c++) {
                sheet.setColumnWidth(c, c == 0 || c == 1 ? 12_000 : 5_000);
            }
        }
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(); XSSFWorkbook book = w.book) {
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Sheet sheet(String name, String... heads) {
        // Excel's rules: at most 31 characters, none of []:*?/\ , unique in the book.
        String safe = WorkbookUtil.createSafeSheetName(name);
        for (int n = 2; !sheetNames.add(safe); n++) {
            safe = WorkbookUtil.createSafeSheetName(name.substring(0, Math.min(name.length(), 27)) + " " + n);
        }
        Sheet sheet = book.createSheet(safe);
        Row row = sheet.createRow(0);
        for (int i = 0; i < heads.length; i++) {
            row.createCell(i).setCellValue(heads[i]);
            row.getCell(i).setCellStyle(header);
        }
        sheet.createFreezePane(0, 1);
        return sheet;
    }

    private void slices(String name, String head, List<Dashboard.Slice> slices) {
        Sheet sheet = sheet(name, head, "Поступило", "Отвечено", "Доля в срок", "Среднее время ответа, ч");
        for (Dashboard.Slice slice : slices) {
            Row row = sheet.createRow(sheet.getLastRowNum() + 1);
            row.createCell(0).setCellValue(slice.name() == null ? "не определено" : slice.name());
            row.createCell(1).setCellValue(slice.received());
            row.createCell(2).setCellValue(slice.answered());
            number(row, 3, slice.onTimeShare(), percent);
            number(row, 4, slice.meanAnswerHours(), decimal);
        }
    }

    private void measure(Sheet sheet, String name, Number now, Number before, CellStyle style) {
        Row row = sheet.createRow(sheet.getLastRowNum() + 1);
        row.createCell(0).setCellValue(name);
        number(row, 1, now, style);
        number(row, 2, before, style);
    }

    private void number(Row row, int column, Number value, CellStyle style) {
        if (value == null) {
            row.createCell(column).setCellValue("—");
            return;
        }
        row.createCell(column).setCellValue(value.doubleValue());
        if (style != null) {
            row.getCell(column).setCellStyle(style);
        }
    }
}
