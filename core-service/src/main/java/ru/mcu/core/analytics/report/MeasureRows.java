package ru.mcu.core.analytics.report;

import java.util.List;

import ru.mcu.core.analytics.Dashboard;

/** The dashboard's measures as the documents list them, in Russian, once for the workbook and the PDF report. */
final class MeasureRows {
    enum Kind { COUNT, DECIMAL, PERCENT }

    record Row(String name, Number current, Number previous, Kind kind) {
    }

    private MeasureRows() {
    }

    static List<Row> of(Dashboard.Summary s) {
        Dashboard.Measures c = s.current();
        Dashboard.Measures p = s.previous();
        return List.of(
                new Row("Поступило", c.received(), p.received(), Kind.COUNT),
                new Row("На 10 000 жителей", c.receivedPer10k(), p.receivedPer10k(), Kind.DECIMAL),
                new Row("Отвечено", c.answered(), p.answered(), Kind.COUNT),
                new Row("Отвечено в срок", c.answeredOnTime(), p.answeredOnTime(), Kind.COUNT),
                new Row("Отвечено с опозданием", c.answeredLate(), p.answeredLate(), Kind.COUNT),
                new Row("Доля в срок", c.onTimeShare(), p.onTimeShare(), Kind.PERCENT),
                new Row("Среднее время ответа, ч", c.meanAnswerHours(), p.meanAnswerHours(), Kind.DECIMAL),
                new Row("Медиана времени ответа, ч", c.medianAnswerHours(), p.medianAnswerHours(), Kind.DECIMAL),
                new Row("Среднее время ответа, рабочих ч", c.meanAnswerWorkingHours(), p.meanAnswerWorkingHours(), Kind.DECIMAL),
                new Row("Медиана времени ответа, рабочих ч", c.medianAnswerWorkingHours(), p.medianAnswerWorkingHours(), Kind.DECIMAL),
                new Row("Среднее время первой реакции, ч", c.meanFirstReplyHours(), p.meanFirstReplyHours(), Kind.DECIMAL),
                new Row("Решено", c.resolved(), p.resolved(), Kind.COUNT),
                new Row("Разъяснено", c.explained(), p.explained(), Kind.COUNT),
                new Row("Доля принятых ответов", c.acceptedShare(), p.acceptedShare(), Kind.PERCENT),
                new Row("Доля повторно открытых", c.reopenedShare(), p.reopenedShare(), Kind.PERCENT),
                new Row("Доля повторных сообщений", c.repeatedShare(), p.repeatedShare(), Kind.PERCENT),
                new Row("Средняя оценка жителей (1–5)", c.meanRating(), p.meanRating(), Kind.DECIMAL),
                new Row("Открыто сейчас", s.backlog().open(), null, Kind.COUNT),
                new Row("Просрочено сейчас", s.backlog().overdue(), null, Kind.COUNT));
    }
}
