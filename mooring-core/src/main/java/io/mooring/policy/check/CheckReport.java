package io.mooring.policy.check;

import io.mooring.policy.RuleResult;
import io.mooring.policy.RuleStatus;
import io.mooring.resource.Manifest;

import java.util.List;
import java.util.stream.Stream;

/**
 * What a policy check found: for each object, the verdicts of the rules that select it.
 * Enforce failures and Enforce errors block; Audit ones are warnings.
 */
public record CheckReport(int policyCount, List<Checked> objects) {
    public CheckReport {
        objects = List.copyOf(objects);
    }

    /** One object and its verdicts. */
    public record Checked(Manifest manifest, List<RuleResult> results) {
        public Checked {
            results = List.copyOf(results);
        }
    }

    public Stream<RuleResult> results() {
        return objects.stream().flatMap(o -> o.results().stream());
    }

    public long count(RuleStatus status) {
        return results().filter(r -> r.status() == status).count();
    }

    public long blocking() {
        return results().filter(RuleResult::blocks).count();
    }

    public long warnings() {
        return results().filter(RuleResult::warns).count();
    }
}
