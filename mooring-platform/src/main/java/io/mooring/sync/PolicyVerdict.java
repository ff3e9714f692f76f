package io.mooring.sync;

import io.mooring.policy.RuleResult;
import io.mooring.policy.check.CheckReport;
import io.mooring.resource.Manifest;

import java.util.List;
import java.util.stream.Stream;

/**
 * What the guard step found: every object a sync would apply, checked against the application's
 * policies as a CREATE. An Enforce failure (or an Enforce rule that cannot be evaluated) blocks the
 * sync; Audit failures are warnings.
 *
 * @param sources where the policies came from, for people ({@code policies at 1a2b3c4}, {@code cluster (3)})
 * @param report  the verdicts per object
 */
public record PolicyVerdict(List<String> sources, CheckReport report) {
    /** How many violations a message lists before it says how many more there are. */
    private static final int LISTED = 3;

    public PolicyVerdict {
        sources = List.copyOf(sources);
    }

    /** One failing or erroring verdict and the file it is about. */
    public record Violation(RuleResult result, Manifest manifest) {
        /** The file and line the object came from ({@code apps/web/deployment.yaml:3}), or empty. */
        public String location() {
            if (manifest.source() == null || manifest.source().isEmpty()) {
                return "";
            }
            return manifest.source() + (manifest.line() > 0 ? ":" + manifest.line() : "");
        }

        @Override
        public String toString() {
            String where = location();
            return result.policy() + "/" + result.rule() + " on " + result.resource() + (where.isEmpty() ? "" : " (" + where + ")") + ": "
                    + result.message();
        }
    }

    public boolean blocked() {
        return report.blocking() > 0;
    }

    /** Blocking verdicts first, then warnings, each in the order of the objects. */
    public List<Violation> violations() {
        List<Violation> all = report.objects().stream()
                .flatMap(o -> o.results().stream().filter(r -> r.blocks() || r.warns()).map(r -> new Violation(r, o.manifest())))
                .toList();
        return Stream.concat(all.stream().filter(v -> v.result().blocks()), all.stream().filter(v -> !v.result().blocks()))
                .toList();
    }

    /** For a sync's message and an Event: how many, and the first few. */
    public String summary() {
        List<Violation> blocking = violations().stream().filter(v -> v.result().blocks()).toList();
        StringBuilder text = new StringBuilder();
        text.append(blocking.size()).append(blocking.size() == 1 ? " Enforce violation" : " Enforce violations");
        for (int i = 0; i < Math.min(LISTED, blocking.size()); i++) {
            text.append(i == 0 ? ": " : "; ").append(blocking.get(i));
        }
        if (blocking.size() > LISTED) {
            text.append("; and ").append(blocking.size() - LISTED).append(" more (mooring app get)");
        }
        return text.toString();
    }
}
