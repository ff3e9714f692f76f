package io.mooring.cli;

import io.mooring.policy.kyvernotest.KyvernoTestLoader;
import io.mooring.policy.kyvernotest.KyvernoTestRunner;
import io.mooring.policy.kyvernotest.TestReport;
import io.mooring.resource.ManifestException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code mooring policy test DIR}: runs the Kyverno CLI test files found below DIR, as {@code kyverno test} does. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run every kyverno-test.yaml (cli.kyverno.io/v1alpha1 Test) found below DIR and compare the results.",
                "Prints each result that differs and a summary; exit code 1 when any differs or a test file cannot be read."})
final class PolicyTestCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "The directory to search (or one test file).")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.exists(dir)) {
            throw new ManifestException(dir.toString(), 0, "no such file or directory", "give the directory that holds the tests");
        }
        List<Path> files = KyvernoTestLoader.find(dir);
        if (files.isEmpty()) {
            throw new ManifestException(dir.toString(), 0, "no " + KyvernoTestLoader.FILE_NAME + " below it", "write Kyverno CLI test files there");
        }
        long passed = 0;
        long failed = 0;
        long excluded = 0;
        int broken = 0;
        Instant now = Instant.now();
        for (Path file : files) {
            TestReport report;
            try {
                report = KyvernoTestRunner.run(KyvernoTestLoader.load(file), now);
            } catch (ManifestException e) {
                err.println("error: " + e.getMessage());
                broken++;
                continue;
            }
            for (TestReport.Line line : report.lines()) {
                if (line.outcome() == TestReport.Outcome.FAILED) {
                    out.println("FAIL " + file + ": " + line.describe());
                }
            }
            passed += report.count(TestReport.Outcome.PASSED);
            failed += report.count(TestReport.Outcome.FAILED);
            excluded += report.count(TestReport.Outcome.EXCLUDED);
        }
        StringBuilder summary = new StringBuilder(passed + " passed, " + failed + " failed");
        if (excluded > 0) {
            summary.append(", ").append(excluded).append(" excluded (the rule does not select the resource, as kyverno test reports it)");
        }
        summary.append(" in ").append(files.size()).append(files.size() == 1 ? " test file" : " test files");
        if (broken > 0) {
            summary.append(", ").append(broken).append(" of them unreadable");
        }
        out.println(summary);
        out.flush();
        err.flush();
        return failed > 0 || broken > 0 ? ErrorHandler.FAILED : 0;
    }
}
