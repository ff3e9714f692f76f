package io.mooring.policy.kyvernotest;

import io.mooring.resource.ManifestException;
import io.mooring.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every suite of Kyverno's policy library in {@code ../shared/compat/kyverno/cases} (see its
 * README): each expected result line must come out of Mooring's engine. A line whose rule does not
 * select the resource has no verdict to compare; {@code kyverno test} reports it as excluded, and so
 * does this test (the README says which).
 */
class KyvernoCompatibilityTest {
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void everySharedSuiteGivesItsExpectedResults() {
        Path cases = SharedData.require("compat/kyverno/cases");
        List<Path> files = KyvernoTestLoader.find(cases);
        List<String> failures = new ArrayList<>();
        int lines = 0;
        long excluded = 0;
        int suitesPassed = 0;
        for (Path file : files) {
            try {
                TestReport report = KyvernoTestRunner.run(KyvernoTestLoader.load(file), NOW);
                lines += report.lines().size();
                report.lines().stream().filter(l -> l.outcome() == TestReport.Outcome.FAILED)
                        .forEach(l -> failures.add(cases.relativize(file).getName(0) + ": " + l.describe()));
                excluded += report.count(TestReport.Outcome.EXCLUDED);
                if (report.count(TestReport.Outcome.FAILED) == 0) {
                    suitesPassed++;
                }
            } catch (ManifestException e) {
                failures.add(cases.relativize(file).getName(0) + ": " + e.getMessage());
            }
        }
        System.out.printf("Kyverno compatibility: %d of %d suites pass; %d result lines: %d as expected, %d excluded (no verdict, as kyverno test), %d not%n",
                suitesPassed, files.size(), lines, lines - excluded - failures.size(), excluded, failures.size());
        assertThat(files).as("the shared corpus has its 117 suites").hasSize(117);
        assertThat(failures).as("expected result lines that Mooring does not reproduce").isEmpty();
    }
}
