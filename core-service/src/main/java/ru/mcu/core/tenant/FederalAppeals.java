package ru.mcu.core.tenant;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

import ru.mcu.core.tenant.TenantConfiguration.Regulation;
import ru.mcu.core.tenant.TenantConfiguration.Transition;
import ru.mcu.core.workingtime.DeadlineCalculator;

/**
 * The procedure for appeals under 59-ФЗ: federal, the same for every municipality
 * (config-templates/federal/appeal-59-fz.yaml), its steps falling to each municipality's roles by
 * the permission they need, and its terms with the municipality's rule for a last day off.
 */
final class FederalAppeals {
    private static final JsonNode PROCEDURE = load("config-templates/federal/appeal-59-fz.yaml");

    private FederalAppeals() {
    }

    private static JsonNode load(String path) {
        try (var in = FederalAppeals.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("No " + path + " on the classpath");
            }
            Object tree = new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(new org.yaml.snakeyaml.LoaderOptions())).load(in);
            return new tools.jackson.databind.ObjectMapper().valueToTree(tree);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot read " + path, e);
        }
    }

    /**
     * The procedure with the municipality's roles: those granted the step's permission, else those
     * granted the first of its fallbacks that anyone holds.
     */
    static Regulation regulation(Function<String, Set<String>> rolesWith) {
        Regulation generic = TenantConfiguration.regulation(PROCEDURE);
        List<Transition> resolved = new ArrayList<>();
        var nodes = PROCEDURE.path("transitions");
        for (int i = 0; i < generic.transitions().size(); i++) {
            Transition t = generic.transitions().get(i);
            JsonNode node = nodes.get(i);
            Set<String> roles = t.roles();
            if (node.path("permission").isString()) {
                roles = rolesWith.apply(node.path("permission").asString());
                for (JsonNode fallback : node.path("fallback")) {
                    if (!roles.isEmpty()) {
                        break;
                    }
                    roles = rolesWith.apply(fallback.asString());
                }
            }
            resolved.add(new Transition(t.action(), t.from(), t.to(), roles, t.by(), t.startsDeadline(), t.meets(), t.requires(), t.source()));
        }
        return new Regulation(generic.code(), generic.name(), generic.states(), generic.initial(), List.copyOf(resolved),
                generic.satisfaction(), generic.resultStatuses(), generic.arrivalDeadlines());
    }

    /** The terms (registration, forwarding, answer, extension); 59-ФЗ leaves a last day off to practice: the municipality's rule, else the file's. */
    static Map<String, DeadlineCalculator.Policy> policies(String municipalLastDay) {
        Map<String, DeadlineCalculator.Policy> policies = new HashMap<>();
        for (JsonNode policy : PROCEDURE.path("deadlinePolicies")) {
            policies.put(policy.path("kind").asString(), new DeadlineCalculator.Policy(policy.path("measure").asString(),
                    policy.path("amount").asInt(), null, municipalLastDay != null ? municipalLastDay
                    : TenantConfiguration.text(policy, "nonWorkingLastDay", null)));
        }
        return policies;
    }
}
