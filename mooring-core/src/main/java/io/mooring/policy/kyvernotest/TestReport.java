package io.mooring.policy.kyvernotest;

import io.mooring.policy.RuleResult;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The lines of one test file, each expected result against what the engine gave. */
public record TestReport(Path file, List<Line> lines) {
    public TestReport {
        lines = List.copyOf(lines);
    }

    /** How a line came out. */
    public enum Outcome {
        /** The engine gave the expected result. */
        PASSED,
        /** The engine gave another result. */
        FAILED,
        /**
         * The rule does not select the resource, so there is no result to compare: {@code kyverno test}
         * reports such a line as excluded and does not count it as a failure, whatever it expected.
         */
        EXCLUDED
    }

    /**
     * One expected result for one resource.
     *
     * @param actual  the engine's verdict, or null when the rule gave none for the resource
     * @param message the verdict's message (or why there is none)
     */
    public record Line(KyvernoTest.ExpectedResult expected, String resource, RuleResult actual, String message) {
        public Outcome outcome() {
            if (actual == null) {
                return Outcome.EXCLUDED;
            }
            return actual.status().word().equals(expected.result().toLowerCase(Locale.ROOT)) ? Outcome.PASSED : Outcome.FAILED;
        }

        /** {@code policy/rule kind/resource: want X, got Y (message)}. */
        public String describe() {
            String got = actual == null ? "no result (the rule does not select the resource)" : actual.status().word();
            return expected.policy() + "/" + expected.rule() + " " + expected.kind() + "/" + resource + ": want "
                    + expected.result() + ", got " + got + (actual == null || message.isEmpty() ? "" : " (" + message + ")");
        }
    }

    public long count(Outcome outcome) {
        return lines.stream().filter(line -> line.outcome() == outcome).count();
    }
}
