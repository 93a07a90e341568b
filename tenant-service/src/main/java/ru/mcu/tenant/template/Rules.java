package ru.mcu.tenant.template;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a JSON Schema cannot say: references that must resolve, codes that must be unique,
 * timetables that must make sense, a time zone that must exist, weights that must add up.
 * It reads whatever shape it is given, so it reports alongside the schema's errors, not instead.
 */
final class Rules {
    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private final String file;
    private final YamlTree.Parsed parsed;
    private final Set<String> calendars;
    private final List<TemplateProblem> problems = new ArrayList<>();

    private Rules(String file, YamlTree.Parsed parsed, Set<String> calendars) {
        this.file = file;
        this.parsed = parsed;
        this.calendars = calendars;
    }

    static List<TemplateProblem> check(String file, YamlTree.Parsed parsed, Set<String> calendars) {
        Rules rules = new Rules(file, parsed, calendars);
        rules.run(parsed.root());
        return rules.problems;
    }

    private void run(JsonNode root) {
        Map<String, String> roles = codes(root, "/roles", "роль");
        Map<String, String> channels = codes(root, "/channels", "канал");
        Map<String, String> regulations = codes(root, "/regulations", "регламент");
        Map<String, String> territories = codes(root.path("profile"), "/profile/territories", "территория");
        codes(root, "/blocks", "блок");
        codes(root, "/ratings", "рейтинг");
        codes(root, "/reports", "отчёт");

        timeZone(root.path("profile").path("timeZone"));

        Set<String> recipients = new HashSet<>();
        each(root.path("blocks"), "/blocks", (block, at) -> {
            ref(block.path("responsibleRole"), at + "/responsibleRole", roles, "роль");
            codes(block, at + "/topics", "тема");
            each(block.path("topics"), at + "/topics", (topic, topicAt) -> codes(topic, topicAt + "/subtopics", "подтема"));
            each(block.path("recipients"), at + "/recipients", (recipient, recipientAt) -> {
                unique(recipients, recipient.path("code"), recipientAt + "/code", "ответственный получатель");
                ref(recipient.path("territory"), recipientAt + "/territory", territories, "территория");
            });
        });

        Map<String, Set<String>> policyKinds = new HashMap<>();
        each(root.path("channels"), "/channels", (channel, at) -> {
            ref(channel.path("regulation"), at + "/regulation", regulations, "регламент");
            // Nothing falls back silently at run time: every channel that brings messages names the regulation they follow.
            if (!channel.has("regulation") && !"analytics-integration".equals(channel.path("kind").asText())) {
                add(at, "channel-without-regulation", "Канал «" + channel.path("code").asText() + "» не называет регламент (regulation), "
                        + "по которому обрабатываются его сообщения; если акт молчит, укажите регламент по умолчанию и regulationSource "
                        + "с basis: platform-default");
            }
            ref(channel.path("responsibleRole"), at + "/responsibleRole", roles, "роль");
            timetable(channel.path("timetable"), at + "/timetable");
        });
        Map<String, String> priorities = codes(root, "/priorities", "приоритет");
        Set<String> seenPolicies = new HashSet<>();
        each(root.path("deadlinePolicies"), "/deadlinePolicies", (policy, at) -> {
            String channel = policy.path("channel").asText();
            if (ref(policy.path("channel"), at + "/channel", channels, "канал")) {
                policyKinds.computeIfAbsent(channel, c -> new HashSet<>()).add(policy.path("kind").asText());
            }
            if ("satisfaction-window".equals(policy.path("kind").asText()) && !policy.has("nonWorkingLastDay")) {
                add(at, "last-day-unstated", "Окно оценки удовлетворённости не говорит, что будет, если его последний день выходной: "
                        + "укажите nonWorkingLastDay (keep, next-working-day или previous-working-day)");
            }
            ref(policy.path("priority"), at + "/priority", priorities, "приоритет");
            if (!seenPolicies.add(channel + " " + policy.path("kind").asText() + " " + policy.path("priority").asText(""))) {
                add(at, "duplicate-policy", "Для канала «" + channel + "» срок вида «" + policy.path("kind").asText()
                        + "» задан дважды: оставьте один");
            }
        });

        each(root.path("regulations"), "/regulations", (regulation, at) -> {
            Map<String, String> states = codes(regulation, at + "/states", "состояние");
            ref(regulation.path("initial"), at + "/initial", states, "состояние");
            Set<String> kinds = new HashSet<>();
            each(root.path("channels"), "/channels", (channel, channelAt) -> {
                if (channel.path("regulation").asText().equals(regulation.path("code").asText())) {
                    kinds.addAll(policyKinds.getOrDefault(channel.path("code").asText(), Set.of()));
                }
            });
            each(regulation.path("transitions"), at + "/transitions", (transition, tAt) -> {
                eachText(transition.path("from"), tAt + "/from", (state, sAt) -> ref(state, sAt, states, "состояние"));
                // «same»: the step leaves the message in whatever state it was taken from.
                if (!"same".equals(transition.path("to").asText())) {
                    ref(transition.path("to"), tAt + "/to", states, "состояние");
                }
                eachText(transition.path("roles"), tAt + "/roles", (role, rAt) -> ref(role, rAt, roles, "роль"));
                JsonNode starts = transition.path("startsDeadline");
                if (starts.isTextual() && !kinds.contains(starts.asText())) {
                    add(tAt + "/startsDeadline", "unknown-reference", "Шаг запускает срок «" + starts.asText()
                            + "», но ни у одного канала этого регламента нет такого срока в deadlinePolicies");
                }
                // The executor's deadline set by hand at a step that requires one is an answer deadline without a policy.
                Set<String> closable = new HashSet<>(kinds);
                closable.add("answer");
                eachText(transition.path("meetsDeadlines"), tAt + "/meetsDeadlines", (kind, kAt) -> {
                    if (!closable.contains(kind.asText())) {
                        add(kAt, "unknown-reference", "Шаг выполняет срок «" + kind.asText()
                                + "», но ни у одного канала этого регламента нет такого срока в deadlinePolicies");
                    }
                });
            });
            eachText(regulation.path("arrival").path("startsDeadlines"), at + "/arrival/startsDeadlines", (kind, kAt) -> {
                if (!kinds.contains(kind.asText())) {
                    add(kAt, "unknown-reference", "При поступлении запускается срок «" + kind.asText()
                            + "», но ни у одного канала этого регламента нет такого срока в deadlinePolicies");
                }
            });
        });

        each(root.path("ratings"), "/ratings", (rating, at) -> {
            codes(rating, at + "/criteria", "критерий");
            eachText(rating.path("channels"), at + "/channels", (channel, cAt) -> ref(channel, cAt, channels, "канал"));
            double sum = 0;
            int weighted = 0;
            for (JsonNode criterion : rating.path("criteria")) {
                sum += criterion.path("weight").asDouble();
                weighted += criterion.has("weight") ? 1 : 0;
            }
            // No weights at all: the act gives none, and the criteria count equally. Some but not all is a slip.
            if (weighted > 0 && weighted < rating.path("criteria").size()) {
                add(at + "/criteria", "weights-partial", "Веса заданы у " + weighted + " критериев из " + rating.path("criteria").size()
                        + ": задайте вес каждому критерию или не задавайте ни одного (тогда критерии равновесны)");
            } else if (weighted > 0 && Math.abs(sum - 1.0) > 0.001) {
                add(at + "/criteria", "weights-sum", String.format(java.util.Locale.ROOT,
                        "Веса критериев рейтинга должны давать в сумме 1, а дают %.3f", sum));
            }
        });
        each(root.path("reports"), "/reports", (report, at) -> ref(report.path("preparedBy"), at + "/preparedBy", roles, "роль"));

        eachText(root.path("roadmaps").path("approvedBy"), "/roadmaps/approvedBy", (role, at) -> ref(role, at, roles, "роль"));

        JsonNode meetings = root.path("meetings");
        ref(meetings.path("chairRole"), "/meetings/chairRole", roles, "роль");
        ref(meetings.path("secretaryRole"), "/meetings/secretaryRole", roles, "роль");
        ref(meetings.path("deputyChairRole"), "/meetings/deputyChairRole", roles, "роль");
        eachText(meetings.path("memberRoles"), "/meetings/memberRoles", (role, at) -> ref(role, at, roles, "роль"));
        Map<String, String> signers = new HashMap<>(roles);
        signers.put("chair", "председатель");
        signers.put("secretary", "секретарь");
        eachText(meetings.path("minutesSignedBy"), "/meetings/minutesSignedBy", (role, at) -> ref(role, at, signers, "подписант"));

        String ownAct = root.path("act").path("seed").asText();
        for (Borrowing borrowing : Borrowing.all(root, true)) {
            if ("act".equals(borrowing.basis()) && !ownAct.equals(borrowing.seed())) {
                add(borrowing.path() + "/basis", "source-basis", "Правило взято не из акта шаблона (" + ownAct + "), а из " + borrowing.seed()
                        + ": укажите basis: other-act или platform-default");
            }
        }

        Set<String> overrideDates = new HashSet<>();
        each(root.path("calendar").path("overrides"), "/calendar/overrides", (override, at) -> {
            if (override.path("date").isTextual() && !overrideDates.add(override.path("date").asText())) {
                add(at + "/date", "duplicate-date", "Дата " + override.path("date").asText() + " переопределена дважды");
            }
            if (override.has("hours") && !"shortened".equals(override.path("kind").asText())) {
                add(at + "/hours", "hours-without-shortened", "Часы указывают только для сокращённого дня (kind: shortened)");
            }
        });

        JsonNode federal = root.path("calendar").path("federal");
        if (federal.isTextual() && !calendars.contains(federal.asText())) {
            add("/calendar/federal", "unknown-reference", "Календаря «" + federal.asText() + "» нет в config-templates/calendars: есть "
                    + String.join(", ", calendars));
        }
    }

    private void timeZone(JsonNode zone) {
        if (!zone.isTextual()) {
            return;
        }
        try {
            if (ZoneId.of(zone.asText()) instanceof java.time.ZoneOffset || !ZoneId.getAvailableZoneIds().contains(zone.asText())) {
                add("/profile/timeZone", "time-zone", "Нужен часовой пояс IANA (например, Asia/Novokuznetsk), а не смещение");
            }
        } catch (DateTimeException e) {
            add("/profile/timeZone", "time-zone", "Часового пояса «" + zone.asText() + "» не существует (нужен пояс IANA, например Asia/Novokuznetsk)");
        }
    }

    private void timetable(JsonNode timetable, String at) {
        intervals(timetable.path("intervals"), at + "/intervals");
        for (String day : DAYS) {
            intervals(timetable.path("weekly").path(day), at + "/weekly/" + day);
        }
    }

    /** Each interval ends after it starts; no two overlap. Malformed ones are the schema's business. */
    private void intervals(JsonNode list, String at) {
        record Span(int from, int to, String at) {
        }
        List<Span> spans = new ArrayList<>();
        eachText(list, at, (interval, iAt) -> {
            String[] ends = interval.asText().split("-");
            if (ends.length != 2) {
                return;
            }
            Integer from = minutes(ends[0]);
            Integer to = minutes(ends[1]);
            if (from == null || to == null) {
                return;
            }
            if (to <= from) {
                add(iAt, "interval-order", "Интервал «" + interval.asText() + "» заканчивается не позже, чем начинается");
                return;
            }
            for (Span other : spans) {
                if (from < other.to() && other.from() < to) {
                    add(iAt, "interval-overlap", "Интервал «" + interval.asText() + "» пересекается с интервалом " + other.at());
                }
            }
            spans.add(new Span(from, to, iAt));
        });
    }

    private static Integer minutes(String time) {
        if (time.equals("24:00")) {
            return 24 * 60;
        }
        try {
            LocalTime t = LocalTime.parse(time);
            return t.getHour() * 60 + t.getMinute();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The codes of a list, each once; returns code → path. */
    private Map<String, String> codes(JsonNode parent, String at, String what) {
        Map<String, String> codes = new HashMap<>();
        String field = at.substring(at.lastIndexOf('/') + 1);
        each(parent.path(field), at, (item, itemAt) -> {
            JsonNode code = item.path("code");
            if (code.isTextual() && codes.putIfAbsent(code.asText(), itemAt) != null) {
                add(itemAt + "/code", "duplicate-code", "Код «" + code.asText() + "» (" + what + ") уже занят: " + codes.get(code.asText()));
            }
        });
        return codes;
    }

    private void unique(Set<String> seen, JsonNode code, String at, String what) {
        if (code.isTextual() && !seen.add(code.asText())) {
            add(at, "duplicate-code", "Код «" + code.asText() + "» (" + what + ") уже встречается в шаблоне");
        }
    }

    private boolean ref(JsonNode value, String at, Map<String, String> known, String what) {
        if (!value.isTextual()) {
            return false;
        }
        if (known.containsKey(value.asText())) {
            return true;
        }
        add(at, "unknown-reference", "Ссылка на несуществующий объект (" + what + ") «" + value.asText() + "»"
                + (known.isEmpty() ? "" : "; есть: " + String.join(", ", known.keySet().stream().sorted().toList())));
        return false;
    }

    private interface Visitor {
        void visit(JsonNode node, String at);
    }

    private static void each(JsonNode list, String at, Visitor visitor) {
        if (list.isArray()) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).isObject()) {
                    visitor.visit(list.get(i), at + "/" + i);
                }
            }
        }
    }

    private static void eachText(JsonNode list, String at, Visitor visitor) {
        if (list.isArray()) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).isTextual()) {
                    visitor.visit(list.get(i), at + "/" + i);
                }
            }
        }
    }

    private void add(String at, String rule, String message) {
        problems.add(new TemplateProblem(file, at, parsed.lineOf(at), rule, message));
    }

}
