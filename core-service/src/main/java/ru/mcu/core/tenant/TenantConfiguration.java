package ru.mcu.core.tenant;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import ru.mcu.core.workingtime.DeadlineCalculator;
import ru.mcu.core.workingtime.ProductionCalendar;
import ru.mcu.core.workingtime.Timetable;

/**
 * A municipality's configuration as tenant-service published it from its template: channels with
 * their timetables, deadline policies, regulations (the workflow), roles with permissions, blocks.
 * Read-only and shared between threads; nothing here is specific to one municipality.
 */
public final class TenantConfiguration {
    public record Channel(String code, String name, String kind, String regulation, String responsibleRole, Timetable timetable) {
    }

    public record State(String code, String name, boolean isFinal) {
    }

    /**
     * One step of a regulation; {@code by} says who takes it: a role, the executor, or someone outside
     * the МЦУ. It may start one deadline and fulfil others ({@code meetsDeadlines}: met or missed by the
     * moment it is taken).
     */
    public record Transition(String action, Set<String> from, String to, Set<String> roles, String by, String startsDeadline,
                             Set<String> meets, Set<String> requires, String source) {
        public boolean takenByRole() {
            return "role".equals(by);
        }
    }

    public record Satisfaction(int windowDays, List<String> reopenOn, String nonWorkingLastDay) {
    }

    /**
     * A regulation; {@code arrivalDeadlines} start the moment a message arrives, before anyone takes a
     * step (the first response «в течение часа» counts from arrival, not from taking it into work).
     */
    public record Regulation(String code, String name, Map<String, State> states, String initial, List<Transition> transitions,
                             Optional<Satisfaction> satisfaction, Set<String> resultStatuses, List<String> arrivalDeadlines) {
        /** The steps of this action that may leave this state. */
        public List<Transition> steps(String action, String from) {
            return transitions.stream().filter(t -> t.action().equals(action) && t.from().contains(from)).toList();
        }

        public List<Transition> stepsFrom(String from) {
            return transitions.stream().filter(t -> t.from().contains(from)).toList();
        }

        public State state(String code) {
            return states.get(code);
        }

        /** Where a regulation names none: the two of every act, «решено» and «разъяснено». */
        public static final Set<String> DEFAULT_RESULT_STATUSES = Set.of("resolved", "explained");

        /** The result statuses an answer may carry: the regulation's own, else the default two. */
        public Set<String> allowedResultStatuses() {
            return resultStatuses.isEmpty() ? DEFAULT_RESULT_STATUSES : resultStatuses;
        }
    }

    public record Block(String code, String name, String responsibleRole, Set<String> topics, Set<String> recipients) {
    }

    /** A code of the template with its Russian name, as forms offer it. */
    /** A rating rule of the template: whom it rates (subject), by which criteria (weights, or none: equal), from which channels, from what volume on. */
    public record Rating(String code, String name, String subject, List<String> channels, List<Criterion> criteria, Integer minimumVolume,
                         String period) {
    }

    public record Criterion(String code, String name, Double weight) {
    }

    /**
     * A reporting duty of the template: what is reported, by which role, to whom (as the act names
     * them), how often ({@code daily}, {@code weekly}, {@code monthly}, {@code quarterly} are made on
     * schedule; {@code on-request}, {@code as-needed} or none only when someone asks), and the clause.
     */
    public record ReportDuty(String code, String name, String preparedBy, String recipient, String frequency, String source) {
        public boolean scheduled() {
            return frequency != null && java.util.Set.of("daily", "weekly", "monthly", "quarterly").contains(frequency);
        }
    }

    public record Named(String code, String name) {
    }

    /** A block as forms show it: its categories (topics and their subtopics) and responsible recipients, named. */
    public record NamedBlock(String code, String name, List<Named> categories, List<Named> recipients) {
    }

    private final List<NamedBlock> namedBlocks = new java.util.ArrayList<>();
    private final List<Named> namedTerritories = new java.util.ArrayList<>();

    private final String slug;
    private final int version;
    private final String name;
    private final String regionCode;
    private final String regionName;
    private final ZoneId zone;
    private final Integer population;
    private final List<Rating> ratings = new java.util.ArrayList<>();
    private final List<ReportDuty> reports = new java.util.ArrayList<>();
    private final Map<String, Channel> channels = new LinkedHashMap<>();
    private final Map<String, DeadlineCalculator.Policy> policies = new HashMap<>();
    private final Map<String, Regulation> regulations = new LinkedHashMap<>();
    private final Map<String, Set<String>> permissions = new HashMap<>();
    private final Map<String, String> roleNames = new LinkedHashMap<>();
    private final Map<String, Block> blocks = new LinkedHashMap<>();
    private final Map<String, String> blockOfTopic = new HashMap<>();
    /** Each topic's subtopics, and each block's (all its topics' subtopics). */
    private final Map<String, Set<String>> subtopics = new HashMap<>();
    private final Set<String> territories = new LinkedHashSet<>();
    /** The template's priorities (importance levels), code → name; a policy may be written for one of them. */
    private final Map<String, String> priorities = new LinkedHashMap<>();
    private final String federalCalendar;
    private final Set<String> roadmapApprovers;
    private final Map<LocalDate, ProductionCalendar.Day> templateOverrides = new HashMap<>();

    /** The regulation of appeals under 59-ФЗ: federal, the same for every municipality (config-templates/federal). */
    public static final String APPEAL_REGULATION = "appeal-59-fz";
    private final Map<String, DeadlineCalculator.Policy> appealPolicies = new HashMap<>();

    private TenantConfiguration(String slug, int version, JsonNode config) {
        this.slug = slug;
        this.version = version;
        JsonNode profile = config.path("profile");
        this.name = text(profile, "shortName", slug);
        this.regionCode = text(profile.path("region"), "code", "");
        this.regionName = text(profile.path("region"), "name", regionCode);
        this.zone = ZoneId.of(text(profile, "timeZone", "Europe/Moscow"));
        this.population = profile.path("population").isNumber() ? profile.path("population").asInt() : null;
        this.roadmapApprovers = strings(config.path("roadmaps").path("approvedBy"));
        for (JsonNode territory : profile.path("territories")) {
            territories.add(territory.path("code").asString());
            namedTerritories.add(new Named(territory.path("code").asString(), territory.path("name").asString()));
        }
        for (JsonNode role : config.path("roles")) {
            Set<String> granted = new LinkedHashSet<>();
            role.path("permissions").forEach(p -> granted.add(p.asString()));
            permissions.put(role.path("code").asString(), Set.copyOf(granted));
            roleNames.put(role.path("code").asString(), role.path("name").asString());
        }
        for (JsonNode block : config.path("blocks")) {
            Set<String> topics = new LinkedHashSet<>();
            for (JsonNode topic : block.path("topics")) {
                topics.add(topic.path("code").asString());
                blockOfTopic.put(topic.path("code").asString(), block.path("code").asString());
                for (JsonNode subtopic : topic.path("subtopics")) {
                    blockOfTopic.putIfAbsent(subtopic.path("code").asString(), block.path("code").asString());
                    subtopics.computeIfAbsent(topic.path("code").asString(), t -> new LinkedHashSet<>()).add(subtopic.path("code").asString());
                    subtopics.computeIfAbsent(block.path("code").asString(), b -> new LinkedHashSet<>()).add(subtopic.path("code").asString());
                }
            }
            Set<String> recipients = new LinkedHashSet<>();
            block.path("recipients").forEach(r -> recipients.add(r.path("code").asString()));
            namedBlocks.add(namedBlock(block));
            blocks.put(block.path("code").asString(), new Block(block.path("code").asString(), block.path("name").asString(),
                    text(block, "responsibleRole", null), Set.copyOf(topics), Set.copyOf(recipients)));
        }
        for (JsonNode channel : config.path("channels")) {
            channels.put(channel.path("code").asString(), new Channel(channel.path("code").asString(), channel.path("name").asString(),
                    channel.path("kind").asString(), text(channel, "regulation", null), text(channel, "responsibleRole", null),
                    timetable(channel.path("timetable"))));
        }
        for (JsonNode rating : config.path("ratings")) {
            List<String> only = new java.util.ArrayList<>();
            rating.path("channels").forEach(c -> only.add(c.asString()));
            List<Criterion> criteria = new java.util.ArrayList<>();
            rating.path("criteria").forEach(c -> criteria.add(new Criterion(c.path("code").asString(), c.path("name").asString(),
                    c.path("weight").isNumber() ? c.path("weight").asDouble() : null)));
            ratings.add(new Rating(rating.path("code").asString(), rating.path("name").asString(), text(rating, "subject", "recipient"),
                    List.copyOf(only), List.copyOf(criteria), rating.path("minimumVolume").isNumber() ? rating.path("minimumVolume").asInt() : null,
                    text(rating, "period", null)));
        }
        for (JsonNode report : config.path("reports")) {
            JsonNode source = report.path("source");
            reports.add(new ReportDuty(report.path("code").asString(), report.path("name").asString(), text(report, "preparedBy", null),
                    text(report, "recipient", null), text(report, "frequency", null), source.isObject() ? text(source, "point", null) : null));
        }
        for (JsonNode priority : config.path("priorities")) {
            priorities.put(priority.path("code").asString(), priority.path("name").asString());
        }
        for (JsonNode policy : config.path("deadlinePolicies")) {
            policies.put(policyKey(policy.path("channel").asString(), policy.path("kind").asString(), text(policy, "priority", null)),
                    new DeadlineCalculator.Policy(
                    policy.path("measure").asString(), policy.path("amount").isNumber() ? policy.path("amount").asInt() : null,
                    text(policy, "cutoff", null), text(policy, "nonWorkingLastDay", null)));
        }
        for (JsonNode regulation : config.path("regulations")) {
            regulations.put(regulation.path("code").asString(), regulation(regulation));
        }
        regulations.put(APPEAL_REGULATION, FederalAppeals.regulation(this::rolesWith));
        JsonNode calendar = config.path("calendar");
        // 59-ФЗ leaves a last day off to practice: the municipality's template chooses, else the federal file's rule.
        String appealLastDay = text(calendar, "appealNonWorkingLastDay", null);
        appealPolicies.putAll(FederalAppeals.policies(appealLastDay));
        this.federalCalendar = text(calendar, "federal", "russia-federal");
        for (JsonNode override : calendar.path("overrides")) {
            templateOverrides.put(LocalDate.parse(override.path("date").asString()), ProductionCalendar.Day.of(override.path("kind").asString()));
        }
    }

    private static NamedBlock namedBlock(JsonNode block) {
        List<Named> categories = new java.util.ArrayList<>();
        for (JsonNode topic : block.path("topics")) {
            categories.add(new Named(topic.path("code").asString(), topic.path("name").asString()));
            for (JsonNode subtopic : topic.path("subtopics")) {
                categories.add(new Named(subtopic.path("code").asString(), topic.path("name").asString() + " / " + subtopic.path("name").asString()));
            }
        }
        List<Named> recipients = new java.util.ArrayList<>();
        block.path("recipients").forEach(r -> recipients.add(new Named(r.path("code").asString(), r.path("name").asString())));
        return new NamedBlock(block.path("code").asString(), block.path("name").asString(), List.copyOf(categories), List.copyOf(recipients));
    }

    public List<NamedBlock> namedBlocks() {
        return java.util.Collections.unmodifiableList(namedBlocks);
    }

    public List<Named> namedTerritories() {
        return java.util.Collections.unmodifiableList(namedTerritories);
    }

    /** The template's reporting duties, in its order. */
    public List<ReportDuty> reports() {
        return java.util.Collections.unmodifiableList(reports);
    }

    public Optional<ReportDuty> report(String code) {
        return reports.stream().filter(r -> r.code().equals(code)).findFirst();
    }

    /** The template's rating rules, in its order. */
    public List<Rating> ratings() {
        return java.util.Collections.unmodifiableList(ratings);
    }

    /** Parses what tenant-service published; a configuration it cannot read is an error of the publisher. */
    public static TenantConfiguration of(String slug, int version, JsonNode config) {
        return new TenantConfiguration(slug, version, config);
    }

    static Regulation regulation(JsonNode node) {
        Map<String, State> states = new LinkedHashMap<>();
        for (JsonNode state : node.path("states")) {
            states.put(state.path("code").asString(), new State(state.path("code").asString(), state.path("name").asString(),
                    state.path("final").asBoolean(false)));
        }
        List<Transition> transitions = new ArrayList<>();
        for (JsonNode t : node.path("transitions")) {
            transitions.add(new Transition(t.path("action").asString(), strings(t.path("from")), t.path("to").asString(),
                    strings(t.path("roles")), text(t, "by", "role"), text(t, "startsDeadline", null), strings(t.path("meetsDeadlines")),
                    strings(t.path("requires")),
                    t.path("source").path("point").asString("")));
        }
        JsonNode satisfaction = node.path("satisfaction");
        Optional<Satisfaction> window = satisfaction.isObject()
                ? Optional.of(new Satisfaction(satisfaction.path("windowDays").asInt(), List.copyOf(strings(satisfaction.path("reopenOn"))),
                        text(satisfaction, "nonWorkingLastDay", "keep")))
                : Optional.empty();
        return new Regulation(node.path("code").asString(), node.path("name").asString(), Map.copyOf(states),
                node.path("initial").asString(), List.copyOf(transitions), window, strings(node.path("resultStatuses")),
                List.copyOf(strings(node.path("arrival").path("startsDeadlines"))));
    }

    private static Timetable timetable(JsonNode node) {
        if (node.path("weekly").isObject()) {
            Map<DayOfWeek, List<String>> week = new EnumMap<>(DayOfWeek.class);
            for (DayOfWeek day : DayOfWeek.values()) {
                String key = day.name().substring(0, 3).toLowerCase(java.util.Locale.ROOT);
                week.put(day, List.copyOf(strings(node.path("weekly").path(key))));
            }
            return Timetable.weekly(week);
        }
        List<String> intervals = List.copyOf(strings(node.path("intervals")));
        // Every day means holidays too (the template's holidays: as-working-days); working days follow the calendar.
        return "every-day".equals(node.path("days").asString()) ? Timetable.everyDay(intervals) : Timetable.workingDays(intervals);
    }


    private static Set<String> strings(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        if (array != null && array.isArray()) {
            array.forEach(value -> values.add(value.asString()));
        }
        return java.util.Collections.unmodifiableSet(values);
    }

    static String text(JsonNode node, String field, String otherwise) {
        JsonNode value = node.path(field);
        return value.isString() && !value.asString().isBlank() ? value.asString() : otherwise;
    }

    /** A state's name in a regulation, its code where the regulation or the state is gone. */
    public String stateName(String regulation, String state) {
        return regulation(regulation).map(r -> r.state(state)).map(State::name).orElse(state);
    }

    /** The template's roles, code → name, in its order. */
    public Map<String, String> roleNames() {
        return java.util.Collections.unmodifiableMap(roleNames);
    }

    /** The roles whose approval a roadmap needs (the template's roadmaps.approvedBy); none named: adopted as made. */
    public Set<String> roadmapApprovers() {
        return roadmapApprovers;
    }

    public String slug() {
        return slug;
    }

    public int version() {
        return version;
    }

    public String name() {
        return name;
    }

    /** The region's code (субъект РФ), e.g. "42" for Кузбасс: regional calendar days apply to all its municipalities. */
    public String regionCode() {
        return regionCode;
    }

    /** The region's name as the template gives it (its code where it gives none). */
    public String regionName() {
        return regionName;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Inhabitants, as the template's profile gives them (for measures per 10,000); null when it gives none. */
    public Integer population() {
        return population;
    }

    public Optional<Channel> channel(String code) {
        return Optional.ofNullable(channels.get(code));
    }

    public Map<String, Channel> channels() {
        return java.util.Collections.unmodifiableMap(channels);
    }

    /**
     * A deadline policy: for an appeal under 59-ФЗ the federal one (registration, forwarding, answer,
     * extension), for a message the channel's from the template.
     */
    public Optional<DeadlineCalculator.Policy> policy(String messageKind, String channel, String kind) {
        return policy(messageKind, channel, null, kind);
    }

    /** The same for a message of a priority: the channel's policy written for that priority, else its general one. */
    public Optional<DeadlineCalculator.Policy> policy(String messageKind, String channel, String priority, String kind) {
        if ("appeal".equals(messageKind)) {
            return Optional.ofNullable(appealPolicies.get(kind));
        }
        DeadlineCalculator.Policy own = priority == null ? null : policies.get(policyKey(channel, kind, priority));
        own = own != null ? own : policies.get(policyKey(channel, kind, null));
        if (own == null && "satisfaction-window".equals(kind)) {
            // A channel with no window policy of its own still has its regulation's window (satisfaction.windowDays).
            return regulationOf(channel).flatMap(Regulation::satisfaction)
                    .map(window -> new DeadlineCalculator.Policy("calendar-days", window.windowDays(), null, window.nonWorkingLastDay()));
        }
        return Optional.ofNullable(own);
    }

    /**
     * The regulation a channel's messages follow: the one the template names for it. A channel that
     * names none (an analytics integration) takes no messages; nothing is chosen for it silently.
     */
    public Optional<Regulation> regulationOf(String channelCode) {
        Channel channel = channels.get(channelCode);
        if (channel == null || channel.regulation() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(regulations.get(channel.regulation()));
    }

    /** Every regulation of the municipality, the federal appeals' included. */
    public Map<String, Regulation> regulations() {
        return java.util.Collections.unmodifiableMap(regulations);
    }

    public Optional<Regulation> regulation(String code) {
        return Optional.ofNullable(regulations.get(code));
    }

    private static String policyKey(String channel, String kind, String priority) {
        return channel + "/" + kind + (priority == null ? "" : "/" + priority);
    }

    public Map<String, String> priorities() {
        return java.util.Collections.unmodifiableMap(priorities);
    }

    /** Everything the roles grant together. */
    public Set<String> permissionsOf(java.util.Collection<String> roles) {
        Set<String> granted = new LinkedHashSet<>();
        for (String role : roles) {
            granted.addAll(permissions.getOrDefault(role, Set.of()));
        }
        return granted;
    }

    /**
     * The roles an executor may hold: those granting message.answer where the template has such roles,
     * else any of its roles (most acts leave answering to the recipients' officials, with no role of their own).
     */
    public Set<String> executorRoles() {
        Set<String> answering = rolesWith("message.answer");
        return answering.isEmpty() ? roleCodes() : answering;
    }

    /** Every role the template defines. */
    public Set<String> roleCodes() {
        return java.util.Collections.unmodifiableSet(permissions.keySet());
    }

    public boolean hasRole(String role) {
        return permissions.containsKey(role);
    }

    public Set<String> rolesWith(String permission) {
        Set<String> roles = new LinkedHashSet<>();
        permissions.forEach((role, granted) -> {
            if (granted.contains(permission)) {
                roles.add(role);
            }
        });
        return roles;
    }

    public String roleName(String role) {
        return roleNames.getOrDefault(role, role);
    }

    public Optional<Block> block(String code) {
        return Optional.ofNullable(blocks.get(code));
    }

    public Map<String, Block> blocks() {
        return java.util.Collections.unmodifiableMap(blocks);
    }

    /** The sector block a category (a block's topic or subtopic) belongs to. */
    public Optional<String> blockOfCategory(String category) {
        return Optional.ofNullable(blockOfTopic.get(category));
    }

    /** The subcategories a category (a block or a topic) has in the template. */
    public Set<String> subcategoriesOf(String category) {
        return java.util.Collections.unmodifiableSet(subtopics.getOrDefault(category, Set.of()));
    }

    public boolean knowsTerritory(String code) {
        return territories.contains(code);
    }

    public String federalCalendar() {
        return federalCalendar;
    }

    /** The template's own calendar days (regional and municipal), before those an operator adds at run time. */
    public Map<LocalDate, ProductionCalendar.Day> templateOverrides() {
        return java.util.Collections.unmodifiableMap(templateOverrides);
    }
}
