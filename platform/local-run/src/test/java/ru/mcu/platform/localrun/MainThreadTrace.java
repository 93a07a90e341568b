package ru.mcu.platform.localrun;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the page's main thread spent a Chromium trace (Browser.startTracing): each event's own time,
 * without its children's, summed by name, so "FunctionCall 300 ms" is script that ran and not the
 * style recalculation it forced. Tells whether a first render waits on script, styles, layout or nothing.
 */
final class MainThreadTrace {
    private MainThreadTrace() {
    }

    static String summary(byte[] trace, int top) {
        JsonNode root = JsonMapper.builder().build().readTree(trace);
        JsonNode events = root.isArray() ? root : root.path("traceEvents");
        // The renderer's main thread with the most events is the page's (others are idle frames or workers).
        Map<String, Integer> counts = new HashMap<>();
        List<String> mains = new ArrayList<>();
        for (JsonNode e : events) {
            if ("thread_name".equals(e.path("name").asString()) && "CrRendererMain".equals(e.path("args").path("name").asString())) {
                mains.add(thread(e));
            }
        }
        List<JsonNode> complete = new ArrayList<>();
        for (JsonNode e : events) {
            if ("X".equals(e.path("ph").asString()) && mains.contains(thread(e))) {
                counts.merge(thread(e), 1, Integer::sum);
                complete.add(e);
            }
        }
        String main = counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
        if (main == null) {
            return "no renderer main thread in the trace";
        }
        List<JsonNode> mine = complete.stream().filter(e -> thread(e).equals(main))
                .sorted(Comparator.<JsonNode>comparingLong(e -> e.path("ts").asLong()).thenComparing(e -> -e.path("dur").asLong())).toList();
        Map<String, Long> self = new HashMap<>();
        Deque<long[]> open = new ArrayDeque<>(); // [end, index into names]
        List<String> names = new ArrayList<>();
        long[] childTime = new long[mine.size()];
        long busy = 0;
        for (int i = 0; i < mine.size(); i++) {
            JsonNode e = mine.get(i);
            long ts = e.path("ts").asLong();
            long dur = e.path("dur").asLong();
            while (!open.isEmpty() && open.peek()[0] <= ts) {
                close(open.pop(), names, childTime, mine, self);
            }
            if (open.isEmpty()) {
                busy += dur;
            } else {
                childTime[(int) open.peek()[1]] += dur;
            }
            names.add(e.path("name").asString());
            open.push(new long[] {ts + dur, i});
        }
        while (!open.isEmpty()) {
            close(open.pop(), names, childTime, mine, self);
        }
        String parts = self.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .map(entry -> entry.getKey() + " " + Math.round(entry.getValue() / 1000.0) + " ms").collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "main thread busy %d ms; by own time: %s", Math.round(busy / 1000.0), parts);
    }

    private static void close(long[] entry, List<String> names, long[] childTime, List<JsonNode> events, Map<String, Long> self) {
        int i = (int) entry[1];
        long own = Math.max(0, events.get(i).path("dur").asLong() - childTime[i]);
        self.merge(names.get(i), own, Long::sum);
    }

    private static String thread(JsonNode e) {
        return e.path("pid").asString() + ":" + e.path("tid").asString();
    }
}
