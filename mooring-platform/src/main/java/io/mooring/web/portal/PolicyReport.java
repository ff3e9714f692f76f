package io.mooring.web.portal;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an Application's {@code status.policy} holds, written by the sync's guard step: the result
 * (Passed, Warning, Blocked, or Error when the policies could not be read), where the policies came
 * from, counts, and the violations. Pure; an Application without the field has no report.
 */
public record PolicyReport(String result, String message, List<String> sources, int policies, int objects, int blocking, int warnings,
                           List<Violation> violations) {

    /** One failing rule on one object; {@code action} Enforce blocks the sync, Audit warns. */
    public record Violation(String action, String policy, String rule, String kind, String namespace, String name, String source,
                            String message) {
        public boolean blocks() {
            return action.equals("Enforce");
        }

        public String object() {
            return kind + "/" + (namespace.isEmpty() ? "" : namespace + "/") + name;
        }
    }

    public static Optional<PolicyReport> of(JsonNode status) {
        JsonNode policy = status.path("policy");
        if (!policy.isObject()) {
            return Optional.empty();
        }
        List<String> sources = new ArrayList<>();
        policy.path("sources").forEach(s -> sources.add(s.asText()));
        List<Violation> violations = new ArrayList<>();
        for (JsonNode v : policy.path("violations")) {
            violations.add(new Violation(v.path("action").asText(""), v.path("policy").asText(""), v.path("rule").asText(""),
                    v.path("kind").asText(""), v.path("namespace").asText(""), v.path("name").asText(""), v.path("source").asText(""),
                    v.path("message").asText("")));
        }
        return Optional.of(new PolicyReport(policy.path("result").asText("Unknown"), policy.path("message").asText(""), List.copyOf(sources),
                policy.path("policies").asInt(0), policy.path("objects").asInt(0), policy.path("blocking").asInt(0),
                policy.path("warnings").asInt(0), List.copyOf(violations)));
    }

    /** Violations the status counts but does not list (it keeps the first 50). */
    public int unlisted() {
        return Math.max(0, blocking + warnings - violations.size());
    }
}
