package io.mooring.render.kustomize;

import io.mooring.render.Renderers;
import io.mooring.resource.ManifestException;
import io.mooring.testing.SharedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/**
 * Differential test against the real kustomize: every {@code core-*} scenario under
 * {@code src/test/resources/kustomize-scenarios} is built by Mooring and by {@code kubectl kustomize}
 * (kustomize v5.5.0), and the two outputs must be equal after trimming; when kustomize fails, Mooring
 * must fail too. Skipped when {@code kubectl} is not on the PATH. Run some scenarios only with
 * {@code -Dkustomize.scenario=REGEX}. kubectl's outputs are cached in target/kustomize-scenarios-oracle.
 */
class KustomizeScenariosTest {
    private static final String PREFIX = "core-";
    private static final AtomicInteger SCENARIOS = new AtomicInteger();
    private static final AtomicInteger DIFFER = new AtomicInteger();

    /** What a build printed, or null output when it failed (then {@code error} says why). */
    private record Outcome(String output, String error) {
        boolean failed() {
            return output == null;
        }
    }

    @TestFactory
    Stream<DynamicTest> scenariosMatchKubectlKustomize() throws Exception {
        Path kubectl = onPath("kubectl");
        Assumptions.assumeTrue(kubectl != null,
                "skipped: kubectl is not on the PATH; these scenarios compare Mooring with `kubectl kustomize` (kustomize v5.5.0)");
        List<Path> dirs = scenarioDirs();
        Map<Path, Outcome> oracle = runAll(kubectl, dirs);
        return dirs.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            SCENARIOS.incrementAndGet();
            Outcome expected = oracle.get(dir);
            Outcome actual = mooring(dir);
            String problem = compare(expected, actual);
            if (problem != null) {
                DIFFER.incrementAndGet();
                fail(dir.getFileName() + ": " + problem);
            }
        }));
    }

    @AfterAll
    static void summary() {
        System.out.printf("Kustomize scenarios: %d scenarios, %d differ%n", SCENARIOS.get(), DIFFER.get());
    }

    private static String compare(Outcome expected, Outcome actual) {
        if (expected.failed() && actual.failed()) {
            return null;
        }
        if (expected.failed()) {
            return "kubectl kustomize fails (" + expected.error().strip() + ") but Mooring built:\n" + actual.output();
        }
        if (actual.failed()) {
            return "Mooring failed (" + actual.error() + ") but kubectl kustomize built:\n" + expected.output();
        }
        if (expected.output().equals(actual.output())) {
            return null;
        }
        return firstDifference(expected.output(), actual.output());
    }

    private static Outcome mooring(Path dir) {
        try {
            return new Outcome(Renderers.toYaml(Kustomize.build(dir, System.getenv())).strip(), null);
        } catch (ManifestException e) {
            return new Outcome(null, e.getMessage());
        }
    }

    /** kubectl takes a fifth of a second per build, much of it waiting: run many side by side. */
    private static Map<Path, Outcome> runAll(Path kubectl, List<Path> dirs) throws Exception {
        Map<Path, Outcome> outcomes = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(8, 4 * Runtime.getRuntime().availableProcessors()));
        try {
            List<Future<?>> running = dirs.stream()
                    .<Future<?>>map(dir -> pool.submit(() -> {
                        outcomes.put(dir, kubectlKustomize(kubectl, dir));
                        return null;
                    }))
                    .toList();
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return outcomes;
    }

    /**
     * kubectl's output for a scenario, remembered under target/ by a hash of the scenario's files
     * and of the kubectl binary, so that a rerun only asks kubectl about what changed.
     */
    private static Outcome kubectlKustomize(Path kubectl, Path dir) throws IOException, InterruptedException {
        Path cached = Path.of("target", "kustomize-scenarios-oracle", dir.getFileName() + "-" + fingerprint(kubectl, dir));
        Path output = cached.resolveSibling(cached.getFileName() + ".out");
        Path failure = cached.resolveSibling(cached.getFileName() + ".err");
        if (Files.exists(output)) {
            return new Outcome(Files.readString(output), null);
        }
        if (Files.exists(failure)) {
            return new Outcome(null, Files.readString(failure));
        }
        Outcome outcome = runKubectl(kubectl, dir);
        Files.createDirectories(cached.getParent());
        Files.writeString(outcome.failed() ? failure : output, outcome.failed() ? outcome.error() : outcome.output());
        return outcome;
    }

    private static String fingerprint(Path kubectl, Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            Path binary = kubectl.toRealPath();
            digest.update((binary + " " + Files.size(binary) + " " + Files.getLastModifiedTime(binary)).getBytes(StandardCharsets.UTF_8));
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                digest.update(dir.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(file));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static Outcome runKubectl(Path kubectl, Path dir) throws IOException, InterruptedException {
        Path stderr = Files.createTempFile("kustomize-scenario", ".err");
        try {
            Process process = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
                    .redirectError(stderr.toFile())
                    .start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + dir + " did not finish in a minute");
            }
            if (process.exitValue() != 0) {
                return new Outcome(null, Files.readString(stderr));
            }
            return new Outcome(out.strip(), null);
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    private static List<Path> scenarioDirs() throws IOException {
        Path root = SharedData.repositoryRoot().resolve("mooring-core/src/test/resources/kustomize-scenarios");
        String only = System.getProperty("kustomize.scenario", ".*");
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory)
                    .filter(d -> d.getFileName().toString().startsWith(PREFIX))
                    .filter(d -> d.getFileName().toString().matches(only))
                    .sorted()
                    .toList();
        }
    }

    private static Path onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static String firstDifference(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        for (int i = 0; i < Math.max(e.length, a.length); i++) {
            String el = i < e.length ? e[i] : "<end>";
            String al = i < a.length ? a[i] : "<end>";
            if (!el.equals(al)) {
                return "output differs from kubectl kustomize at line " + (i + 1) + ":\n  kustomize: " + el
                        + "\n  mooring:   " + al + "\n--- kubectl kustomize output:\n" + expected + "\n--- mooring output:\n" + actual;
            }
        }
        return "outputs differ";
    }
}
