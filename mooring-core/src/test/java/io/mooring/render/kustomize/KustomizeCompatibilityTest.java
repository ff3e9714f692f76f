package io.mooring.render.kustomize;

import io.mooring.render.Renderers;
import io.mooring.resource.ManifestException;
import io.mooring.testing.FirstDifference;
import io.mooring.testing.SharedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Kustomize's own build tests (../shared/compat/kustomize): every case must print exactly what
 * kustomize v5.5.0 prints, and every error case must fail with the expected message. Run one case
 * with {@code -Dkustomize.case=TestName} (a regular expression).
 */
class KustomizeCompatibilityTest {
    private static final AtomicInteger PASSED = new AtomicInteger();
    private static final AtomicInteger FAILED = new AtomicInteger();

    @TestFactory
    Stream<DynamicTest> buildCases() throws IOException {
        Path cases = SharedData.require("compat/kustomize/cases");
        return caseDirs(cases).map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> counted(() -> {
            String expected = Files.readString(dir.resolve("expected.yaml")).strip();
            String actual;
            try {
                actual = Renderers.toYaml(Kustomize.build(buildDir(dir))).strip();
            } catch (ManifestException e) {
                throw new AssertionError(dir.getFileName() + ": build failed: " + e.getMessage(), e);
            }
            if (!actual.equals(expected)) {
                fail(dir.getFileName() + ": output differs from kustomize at " + FirstDifference.of(expected, "kustomize", actual, "Mooring")
                        + "\n--- Mooring's output:\n" + actual);
            }
        })));
    }

    @TestFactory
    Stream<DynamicTest> errorCases() throws IOException {
        Path cases = SharedData.require("compat/kustomize/cases-error");
        return caseDirs(cases).map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> counted(() -> {
            List<String> expected = Files.readAllLines(dir.resolve("expected-error.txt")).stream()
                    .filter(line -> !line.isBlank()).toList();
            try {
                Kustomize.build(buildDir(dir));
            } catch (ManifestException e) {
                for (String line : expected) {
                    assertThat(e.getMessage()).as("error message of " + dir.getFileName()).contains(line);
                }
                return;
            }
            fail(dir.getFileName() + ": the build succeeded, but kustomize fails on this input with: " + expected);
        })));
    }

    @AfterAll
    static void summary() {
        System.out.printf("Kustomize compatibility: %d passed, %d failed%n", PASSED.get(), FAILED.get());
    }

    private interface Check {
        void run() throws Exception;
    }

    private static void counted(Check check) throws Exception {
        try {
            check.run();
            PASSED.incrementAndGet();
        } catch (Exception | AssertionError e) {
            FAILED.incrementAndGet();
            throw e;
        }
    }

    private static Stream<Path> caseDirs(Path root) throws IOException {
        String only = System.getProperty("kustomize.case", ".*");
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory)
                    .filter(d -> d.getFileName().toString().matches(only))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    private static Path buildDir(Path caseDir) throws IOException {
        for (String line : Files.readAllLines(caseDir.resolve("case.yaml"))) {
            if (line.startsWith("build:")) {
                return caseDir.resolve(line.substring("build:".length()).strip());
            }
        }
        throw new IllegalStateException("no build: line in " + caseDir.resolve("case.yaml"));
    }
}
