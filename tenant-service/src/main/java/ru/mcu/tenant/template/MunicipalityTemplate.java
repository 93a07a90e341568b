package ru.mcu.tenant.template;

import java.util.List;
import java.util.Optional;

/**
 * A municipality's configuration as its template gives it (config-templates/README.md explains
 * each part). Only ever built from a template that passed {@link TemplateValidator}.
 */
public record MunicipalityTemplate(String format, int version, Act act, Profile profile, List<Role> roles, List<Block> blocks,
                                   List<Channel> channels, List<DeadlinePolicy> deadlinePolicies, List<Regulation> regulations,
                                   List<Rating> ratings, List<Report> reports, Meetings meetings, Calendar calendar) {
    public MunicipalityTemplate {
        roles = list(roles);
        blocks = list(blocks);
        channels = list(channels);
        deadlinePolicies = list(deadlinePolicies);
        regulations = list(regulations);
        ratings = list(ratings);
        reports = list(reports);
    }

    /** Optional lists of a template are empty, never null. */
    static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : List.copyOf(items);
    }

    public record Source(String seed, String point, String basis) {
    }

    public record Act(String seed, String title, String number, String date) {
    }

    public record Region(String code, String name, String centre) {
    }

    public record Territory(String code, String name, String kind) {
    }

    public record Profile(String slug, String officialName, String shortName, Region region, String timeZone, long population,
                          List<Territory> territories, Source source) {
        public Profile {
            territories = list(territories);
        }
    }

    public record Duty(String text, Source source) {
    }

    public record Role(String code, String name, String holder, List<String> permissions, List<Duty> duties, Source source) {
        public Role {
            permissions = list(permissions);
            duties = list(duties);
        }
    }

    public record Subtopic(String code, String name) {
    }

    public record Topic(String code, String name, List<Subtopic> subtopics) {
        public Topic {
            subtopics = list(subtopics);
        }
    }

    public record Recipient(String code, String name, String kind, String territory) {
    }

    public record Block(String code, String name, String responsibleRole, String responsiblePosition, List<Topic> topics,
                        List<Recipient> recipients, Source source) {
        public Block {
            topics = list(topics);
            recipients = list(recipients);
        }
    }

    public record Timetable(String days, List<String> intervals, java.util.Map<String, List<String>> weekly, String holidays,
                            String note) {
    }

    public record Channel(String code, String name, String kind, String regulation, String responsibleRole, Timetable timetable,
                          Source source) {
    }

    public record DeadlinePolicy(String channel, String kind, String measure, Integer amount, String cutoff, String nonWorkingLastDay,
                                 String adjustableBy, Source source) {
    }

    public record State(String code, String name, @com.fasterxml.jackson.annotation.JsonProperty("final") boolean isFinal) {
    }

    public record Transition(String action, List<String> from, String to, List<String> roles, String by, String startsDeadline,
                             List<String> requires, Source source) {
        public Transition {
            from = list(from);
            roles = list(roles);
            requires = list(requires);
        }
    }

    public record Satisfaction(int windowDays, String silenceMeans, List<String> reopenOn) {
    }

    public record Regulation(String code, String name, List<State> states, String initial, List<Transition> transitions,
                             Satisfaction satisfaction, List<String> resultStatuses, Source source) {
        public Regulation {
            states = list(states);
            transitions = list(transitions);
            resultStatuses = list(resultStatuses);
        }
    }

    public record Criterion(String code, String name, Double weight) {
    }

    public record Rating(String code, String name, String subject, List<Criterion> criteria, Integer minimumVolume, String period,
                         Source source) {
        public Rating {
            criteria = list(criteria);
        }
    }

    public record Report(String code, String name, String preparedBy, String recipient, String frequency, Source source) {
    }

    public record Quorum(double moreThanShare) {
    }

    public record Meetings(List<String> forms, String chairRole, String secretaryRole, List<String> memberRoles, Quorum quorum,
                           String decision, Integer votesPerMember, String tieBreak, List<String> minutesSignedBy, Source source) {
    }

    public record Override(String date, String kind, Double hours, String level, String reason) {
    }

    /** {@code appealNonWorkingLastDay}: where a 59-ФЗ term ending on a day off ends (null: the next working day). */
    public record Calendar(String federal, List<Override> overrides, String appealNonWorkingLastDay) {
        public Calendar {
            overrides = list(overrides);
        }
    }

    public Optional<Role> role(String code) {
        return roles.stream().filter(r -> r.code().equals(code)).findFirst();
    }

    public Optional<Channel> channel(String code) {
        return channels.stream().filter(c -> c.code().equals(code)).findFirst();
    }

    public Optional<Regulation> regulation(String code) {
        return regulations.stream().filter(r -> r.code().equals(code)).findFirst();
    }

    public List<DeadlinePolicy> policies(String channel) {
        return deadlinePolicies.stream().filter(p -> p.channel().equals(channel)).toList();
    }
}
