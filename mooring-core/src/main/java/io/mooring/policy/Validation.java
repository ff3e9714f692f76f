package io.mooring.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.policy.condition.Conditions;

import java.util.List;

/**
 * A rule's {@code validate}: its message, its failure action and the one check it makes.
 *
 * @param failureAction          {@code validate.failureAction}, or null to use the policy's
 * @param failureActionOverrides {@code validate.failureActionOverrides}
 */
public record Validation(String message, FailureAction failureAction, List<FailureActionOverride> failureActionOverrides, Check check) {
    public Validation {
        failureActionOverrides = List.copyOf(failureActionOverrides);
    }

    /** What a validate block (or a foreach entry) checks. */
    public sealed interface Check {
    }

    /** The resource must match the pattern. */
    public record PatternCheck(JsonNode pattern) implements Check {
    }

    /** The resource must match one of the patterns. */
    public record AnyPatternCheck(List<JsonNode> patterns) implements Check {
        public AnyPatternCheck {
            patterns = List.copyOf(patterns);
        }
    }

    /** The resource fails when the conditions hold. */
    public record DenyCheck(Conditions conditions) implements Check {
    }

    /** A check per element of each list. */
    public record ForeachCheck(List<Foreach> loops) implements Check {
        public ForeachCheck {
            loops = List.copyOf(loops);
        }
    }

    /**
     * One {@code foreach} entry.
     *
     * @param list         the JMESPath giving the elements
     * @param elementScope whether a pattern applies to the element (null: when the element is a map)
     */
    public record Foreach(String list, List<ContextEntry> context, Conditions preconditions, Check check, Boolean elementScope) {
        public Foreach {
            context = List.copyOf(context);
        }
    }
}
