package ru.mcu.core.imports;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

import ru.mcu.core.message.Incoming;

/**
 * The lines of an import file, each read into a message or into the reason it cannot be: JSON lines
 * (one message object a line, as the machine API takes it) or CSV (RFC 4180, a header row naming the columns).
 */
final class ImportFile {
    /** One line: the message, or why it could not be read. */
    record Line(int number, Incoming message, String field, String problem) {
    }

    static final Set<String> COLUMNS = Set.of("channel", "externalId", "externalUrl", "receivedAt", "citizenName", "citizenPhone",
            "citizenEmail", "text", "territory", "address", "latitude", "longitude", "category", "subcategory", "kind", "priority", "sourceDueAt",
            "closedState", "closedAt", "closedAnswer", "closedResultStatus");

    private ImportFile() {
    }

    static List<Line> jsonLines(String body, ObjectMapper json) {
        List<Line> lines = new ArrayList<>();
        String[] raw = body.split("\r?\n", -1);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i].isBlank()) {
                continue;
            }
            try {
                lines.add(new Line(i + 1, json.readValue(raw[i], Incoming.class), null, null));
            } catch (tools.jackson.databind.DatabindException e) {
                String field = e.getPath().isEmpty() ? null : e.getPath().getLast().getPropertyName();
                lines.add(new Line(i + 1, null, field, field == null ? "строка — не объект JSON сообщения" : "значение не того типа или формата"));
            } catch (JacksonException e) {
                lines.add(new Line(i + 1, null, null, "строка — не JSON"));
            }
        }
        return lines;
    }

    static List<Line> csv(String body) {
        List<List<String>> rows = parseCsv(body);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("Файл пуст: нужна строка заголовка с названиями столбцов");
        }
        List<String> header = rows.getFirst();
        for (String column : header) {
            if (!COLUMNS.contains(column)) {
                throw new IllegalArgumentException("Неизвестный столбец «" + column + "»; допустимы: " + String.join(", ", COLUMNS.stream().sorted().toList()));
            }
        }
        if (!header.contains("channel") || !header.contains("text") || !header.contains("receivedAt")) {
            throw new IllegalArgumentException("В заголовке нужны столбцы channel, text и receivedAt");
        }
        List<Line> lines = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() == 1 && row.getFirst().isBlank()) {
                continue;
            }
            if (row.size() != header.size()) {
                lines.add(new Line(r + 1, null, null, "в строке " + row.size() + " значений, а столбцов " + header.size()));
                continue;
            }
            Map<String, String> v = new HashMap<>();
            for (int c = 0; c < header.size(); c++) {
                v.put(header.get(c), row.get(c).isEmpty() ? null : row.get(c));
            }
            String field = null;
            try {
                field = "receivedAt";
                Instant received = v.get("receivedAt") == null ? null : Instant.parse(v.get("receivedAt"));
                field = "sourceDueAt";
                Instant sourceDue = v.get("sourceDueAt") == null ? null : Instant.parse(v.get("sourceDueAt"));
                field = "latitude";
                Double latitude = v.get("latitude") == null ? null : Double.valueOf(v.get("latitude"));
                field = "longitude";
                Double longitude = v.get("longitude") == null ? null : Double.valueOf(v.get("longitude"));
                field = "closedAt";
                Instant closedAt = v.get("closedAt") == null ? null : Instant.parse(v.get("closedAt"));
                // A closed case is one with any of the closed… columns filled; the intake says what else it needs.
                Incoming.Closed closed = v.get("closedState") == null && closedAt == null && v.get("closedAnswer") == null
                        && v.get("closedResultStatus") == null ? null
                        : new Incoming.Closed(v.get("closedState"), closedAt, v.get("closedAnswer"), v.get("closedResultStatus"));
                lines.add(new Line(r + 1, new Incoming(v.get("channel"), v.get("externalId"), v.get("externalUrl"), received,
                        new Incoming.Citizen(v.get("citizenName"), v.get("citizenPhone"), v.get("citizenEmail")), v.get("text"), v.get("territory"),
                        v.get("address"), latitude, longitude, v.get("category"), v.get("subcategory"), v.get("kind"), sourceDue, closed, v.get("priority"), null), null, null));
            } catch (DateTimeParseException | NumberFormatException e) {
                lines.add(new Line(r + 1, null, field, "значение «" + v.get(field) + "» не того формата"));
            }
        }
        return lines;
    }

    /** RFC 4180: fields separated by commas, quoted with double quotes when they hold commas, quotes or line breaks. */
    static List<List<String>> parseCsv(String body) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        String text = body.startsWith("\uFEFF") ? body.substring(1) : body;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
