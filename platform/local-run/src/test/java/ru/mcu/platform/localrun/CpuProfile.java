package ru.mcu.platform.localrun;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the page's script time went, from V8's sampling profile (CDP Profiler.stop): each function's
 * own time, summed by function and by script file, so a first render's "script 300 ms" can be
 * pinned on a component, a library or the garbage collector instead of guessed at.
 */
final class CpuProfile {
    private CpuProfile() {
    }

    static String summary(String profileJson, int top) {
        JsonNode profile = JsonMapper.builder().build().readTree(profileJson);
        Map<Long, JsonNode> frames = new HashMap<>();
        for (JsonNode node : profile.path("nodes")) {
            frames.put(node.path("id").asLong(), node.path("callFrame"));
        }
        Map<String, Long> byFunction = new HashMap<>();
        Map<String, Long> byFile = new HashMap<>();
        JsonNode samples = profile.path("samples");
        JsonNode deltas = profile.path("timeDeltas");
        // A sample's time is the delta to the next one: that is how long the sampled function was on top.
        for (int i = 0; i + 1 < samples.size(); i++) {
            JsonNode frame = frames.get(samples.get(i).asLong());
            long micros = deltas.get(i + 1).asLong();
            String url = frame.path("url").asString();
            String file = url.isEmpty() ? "(v8)" : url.replaceAll("^.*/", "");
            String function = frame.path("functionName").asString();
            byFunction.merge((function.isEmpty() ? "(anonymous)" : function) + " " + file + ":" + frame.path("lineNumber").asInt(),
                    micros, Long::sum);
            byFile.merge(file, micros, Long::sum);
        }
        return String.format(Locale.ROOT, "by file: %s; by function: %s", top(byFile, top), top(byFunction, top));
    }

    private static String top(Map<String, Long> micros, int top) {
        return micros.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .map(entry -> entry.getKey() + " " + Math.round(entry.getValue() / 1000.0) + " ms").collect(Collectors.joining(", "));
    }
}
