package ru.mcu.platform.localrun;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a municipality's messages are drawn from: its channels (with the regulation each follows,
 * whether arrival starts a first-response deadline and whether an answer opens the citizen's satisfaction window), category × block × recipient combinations,
 * territories and executors, each with a weight. An onboarded municipality's come from its template,
 * so that every code the dashboard names is one its template knows; a data-only one gets generic codes.
 * Weights fall off as 1/k^s: most messages come through a few channels, about a few categories.
 */
record AnalyticsProfile(List<Channel> channels, List<Topic> topics, List<Weighted> territories, List<Weighted> executors) {
    record Channel(String code, String regulation, boolean firstResponse, boolean satisfactionWindow, String newState, String workState,
                   String waitState, String finalState, double weight) {
    }

    record Topic(String category, String block, String recipient, double weight) {
    }

    record Weighted(String code, double weight) {
    }

    /** Generic: the five usual channels, eight blocks of topics, territories and executors scaled to the municipality's size. */
    static AnalyticsProfile generic(long messages) {
        List<Channel> channels = List.of(
                new Channel("im", "im", true, true, "new", "in-work", "satisfaction-check", "done", 0.55),
                new Channel("pos", "pos", false, false, "new", "in-work", "on-approval", "done", 0.25),
                new Channel("social-networks", "im", true, true, "new", "in-work", "satisfaction-check", "done", 0.12),
                new Channel("messengers", "im", true, true, "new", "in-work", "satisfaction-check", "done", 0.06),
                new Channel("official-pages", "im", true, true, "new", "in-work", "satisfaction-check", "done", 0.02));
        String[][] blocks = {
                {"housing", "heating", "water", "waste", "lifts", "repairs"},
                {"roads", "potholes", "snow", "lighting", "traffic"},
                {"improvement", "yards", "parks", "playgrounds"},
                {"transport", "buses", "schedules", "stops"},
                {"social", "benefits", "healthcare", "pensions"},
                {"education", "schools", "kindergartens", "sports"},
                {"safety", "stray-animals", "noise", "fire"},
                {"economy", "trade", "land", "construction"}};
        List<Topic> topics = new ArrayList<>();
        int k = 1;
        for (String[] block : blocks) {
            for (int t = 1; t < block.length; t++) {
                String recipient = t % 2 == 1 ? block[0] + "-dept" : block[0] + "-service";
                topics.add(new Topic(block[t], block[0], recipient, Math.pow(k++, -1.0)));
            }
        }
        int territoryCount = (int) Math.max(1, Math.min(25, Math.round(2.5 * Math.log10(Math.max(10, messages)) - 5)));
        List<Weighted> territories = new ArrayList<>();
        for (int t = 1; t <= territoryCount; t++) {
            territories.add(new Weighted(String.format("terr-%02d", t), Math.pow(t, -0.8)));
        }
        int executorCount = (int) Math.max(2, Math.min(40, messages / 5_000));
        List<Weighted> executors = new ArrayList<>();
        for (int e = 1; e <= executorCount; e++) {
            executors.add(new Weighted(String.format("executor-%02d", e), Math.pow(e, -0.7)));
        }
        return new AnalyticsProfile(channels, topics, territories, executors);
    }

    /** From the shipped template: its channels that follow a regulation, its blocks' topics and recipients, its territories, its role users. */
    @SuppressWarnings("unchecked")
    static AnalyticsProfile of(String municipality) {
        Map<String, Object> template = ShippedTemplate.load(municipality);
        Map<String, Map<String, Object>> regulations = new java.util.HashMap<>();
        for (Map<String, Object> regulation : maps(template.get("regulations"))) {
            regulations.put((String) regulation.get("code"), regulation);
        }
        List<Channel> channels = new ArrayList<>();
        int k = 1;
        for (Map<String, Object> channel : maps(template.get("channels"))) {
            Map<String, Object> regulation = regulations.get((String) channel.get("regulation"));
            if (regulation == null) {
                continue; // an analytics integration: no messages of its own
            }
            List<Map<String, Object>> states = maps(regulation.get("states"));
            List<String> open = states.stream().filter(s -> !Boolean.TRUE.equals(s.get("final"))).map(s -> (String) s.get("code")).toList();
            String finalState = states.stream().filter(s -> Boolean.TRUE.equals(s.get("final"))).map(s -> (String) s.get("code")).findFirst()
                    .orElseThrow();
            String initial = (String) Objects.requireNonNullElse(regulation.get("initial"), open.getFirst());
            String work = open.get(Math.min(open.size() - 1, open.indexOf(initial) + 1));
            Map<String, Object> arrival = (Map<String, Object>) regulation.getOrDefault("arrival", Map.of());
            boolean firstResponse = list(arrival.get("startsDeadlines")).contains("first-response");
            String code = (String) channel.get("code");
            boolean window = list(template.get("deadlinePolicies")).stream().map(d -> (Map<String, Object>) d)
                    .anyMatch(d -> code.equals(d.get("channel")) && "satisfaction-window".equals(d.get("kind")));
            channels.add(new Channel(code, (String) regulation.get("code"), firstResponse, window, initial, work, open.getLast(), finalState,
                    Math.pow(k++, -1.2)));
        }
        List<Topic> topics = new ArrayList<>();
        k = 1;
        for (Map<String, Object> block : maps(template.get("blocks"))) {
            String code = (String) block.get("code");
            List<String> recipients = list(block.get("recipients")).stream().map(r -> (String) ((Map<String, Object>) r).get("code")).toList();
            List<String> categories = list(block.get("topics")).stream().map(t -> (String) ((Map<String, Object>) t).get("code")).toList();
            for (String category : categories.isEmpty() ? List.of(code) : categories) {
                // A block with several recipients spreads its messages over them; one with none leaves the recipient unset.
                for (String recipient : recipients.isEmpty() ? java.util.Collections.<String>singletonList(null) : recipients) {
                    topics.add(new Topic(category, code, recipient, Math.pow(k, -1.0) / Math.max(1, recipients.size())));
                }
                k++;
            }
        }
        if (topics.isEmpty()) {
            topics.add(new Topic(null, null, null, 1));
        }
        Map<String, Object> profile = (Map<String, Object>) template.get("profile");
        List<Weighted> territories = new ArrayList<>();
        k = 1;
        for (Object territory : list(profile.get("territories"))) {
            territories.add(new Weighted((String) ((Map<String, Object>) territory).get("code"), Math.pow(k++, -0.8)));
        }
        List<Weighted> executors = new ArrayList<>();
        k = 1;
        for (Object role : list(template.get("roles"))) {
            executors.add(new Weighted(municipality + "-" + ((Map<String, Object>) role).get("code"), Math.pow(k++, -0.7)));
        }
        return new AnalyticsProfile(channels, topics, territories, executors);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object value) {
        return value == null ? List.of() : (List<T>) value;
    }

    /** Lower bounds of each choice's share of [0, 1), for width_bucket: 1 for the first choice, n for the last. */
    static Double[] thresholds(List<Double> weights) {
        double sum = weights.stream().mapToDouble(Double::doubleValue).sum();
        Double[] bounds = new Double[weights.size()];
        double at = 0;
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = at / sum;
            at += weights.get(i);
        }
        return bounds;
    }
}
