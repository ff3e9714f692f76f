package io.mooring.policy;

import io.mooring.policy.condition.Conditions;
import io.mooring.policy.match.MatchResources;

import java.util.List;

/**
 * A validate rule.
 *
 * @param exclude       what the rule leaves out, or null
 * @param context       variables the rule defines ({@code context} entries of type {@code variable})
 * @param preconditions when the rule applies at all
 */
public record Rule(String name, MatchResources match, MatchResources exclude, List<ContextEntry> context,
                   Conditions preconditions, Validation validation) {
    public Rule {
        context = List.copyOf(context);
    }
}
