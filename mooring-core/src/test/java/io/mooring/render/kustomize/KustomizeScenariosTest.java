package io.mooring.render.kustomize;

import io.mooring.render.Renderers;
import io.mooring.resource.ManifestException;
import io.mooring.testing.FirstDifference;
import io.mooring.testing.SharedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/**
 * Differential test against the real kustomize: every scenario folder under
 * {@code src/test/resources/kustomize-scenarios} ({@code core-*}: transformers, name references,
 * replacements, images, vars, printing; {@code patch-*} and {@code gen-*}: patches and generators)
 * is a kustomization tree built by Mooring and by {@code kubectl kustomize} (kustomize v5.5.0, the
 * oracle). The outputs must be equal after trimming, or both builds must fail; a crash fails even
 * where kubectl fails too. Skipped when kubectl is not on the PATH. kubectl's outputs are cached in
 * {@code target/kustomize-scenarios-oracle}, by a hash of the scenario and the binary. Run some
 * with {@code -Dkustomize.scenario=REGEX}; {@code -Dkustomize.scenario.messages=true} also prints
 * the expected failures whose message does not contain kubectl's.
 */
class KustomizeScenariosTest {
    /**
     * kubectl's whole environment, with a variable that an env file scenario names by a bare key:
     * kustomize v5.5.0 does not read the environment there, and neither may Mooring.
     */
    private static final Map<String, String> ENVIRONMENT = Map.of("SCENARIO_FROM_ENV", "value from the environment");
    private static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();
    private static final AtomicInteger DIFFER = new AtomicInteger();
    private static final AtomicInteger ERROR_TEXTS_DIFFER = new AtomicInteger();
    /** kubectl's error: {@code err="<message>"} on one line, or {@code err=<} then tab-indented lines and {@code >}. */
    private static final Pattern KUBECTL_ERROR = Pattern.compile("err=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern KUBECTL_ERROR_BLOCK = Pattern.compile("err=<\n((?:\t.*\n?)*)");

    /** What kubectl printed for one scenario: its output, or its error when it failed. */
    private record Oracle(boolean failed, String text) {
    }

    @TestFactory
    Stream<DynamicTest> scenariosMatchKubectlKustomize() throws IOException {
        Path kubectl = onPath("kubectl");
        Assumptions.assumeTrue(kubectl != null,
                "skipped: kubectl is not on the PATH; these scenarios compare Mooring with `kubectl kustomize` (kustomize v5.5.0)");
        List<Path> dirs = scenarioDirs();
        // kubectl takes a fifth of a second per build, much of it waiting: run many side by side.
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(8, 4 * Runtime.getRuntime().availableProcessors()));
        Map<Path, CompletableFuture<Oracle>> oracles = new LinkedHashMap<>();
        dirs.forEach(dir -> oracles.put(dir, CompletableFuture.supplyAsync(() -> cachedKubectl(kubectl, dir), pool)));
        pool.shutdown();
        return dirs.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(),
                () -> compare(dir, oracles.get(dir).get(2, TimeUnit.MINUTES))));
    }

    @AfterAll
    static void summary() {
        int total = COUNTS.values().stream().mapToInt(AtomicInteger::get).sum();
        System.out.printf("Kustomize scenarios: %d scenarios %s, %d differ (%d expected failures with another message)%n",
                total, new TreeMap<>(COUNTS), DIFFER.get(), ERROR_TEXTS_DIFFER.get());
    }

    private static void compare(Path dir, Oracle oracle) {
        String name = dir.getFileName().toString();
        COUNTS.computeIfAbsent(name.substring(0, name.indexOf('-')), group -> new AtomicInteger()).incrementAndGet();
        String actual;
        try {
            actual = Renderers.toYaml(Kustomize.build(dir)).strip();
        } catch (ManifestException e) {
            if (oracle.failed()) {
                noteErrorText(name, oracle.text(), e.getMessage());
                return;
            }
            DIFFER.incrementAndGet();
            throw new AssertionError(name + ": Mooring failed but kubectl succeeded.\n--- Mooring's error:\n"
                    + e.getMessage() + "\n--- kubectl's output:\n" + oracle.text(), e);
        } catch (RuntimeException e) {
            DIFFER.incrementAndGet();
            throw new AssertionError(name + ": Mooring crashed (a bug even where kubectl fails too)", e);
        }
        if (oracle.failed()) {
            DIFFER.incrementAndGet();
            fail(name + ": kubectl fails on this input but Mooring succeeded.\n--- kubectl's error:\n" + oracle.text()
                    + "\n--- Mooring's output:\n" + actual);
        }
        if (!actual.equals(oracle.text())) {
            DIFFER.incrementAndGet();
            fail(name + ": output differs from kubectl at " + FirstDifference.of(oracle.text(), "kubectl", actual, "Mooring")
                    + "\n--- kubectl:\n" + oracle.text() + "\n--- Mooring:\n" + actual);
        }
    }

    /**
     * Both failed, which is all this test requires; kustomize's own error tests also look for a
     * part of the message, so a message that does not contain kubectl's is reported (not failed).
     */
    private static void noteErrorText(String name, String kubectlError, String ours) {
        Matcher line = KUBECTL_ERROR.matcher(kubectlError);
        Matcher block = KUBECTL_ERROR_BLOCK.matcher(kubectlError);
        String expected = line.find() ? unescape(line.group(1))
                : block.find() ? block.group(1).replace("\n\t", "\n").substring(1).strip()
                : kubectlError.strip();
        // kustomize prefixes a plugin's configuration errors with its config re-printed as YAML.
        int config = expected.indexOf("with config: `");
        if (config >= 0 && expected.indexOf("`: ", config) > 0) {
            expected = expected.substring(expected.indexOf("`: ", config) + 3);
        }
        if (!ours.contains(expected)) {
            ERROR_TEXTS_DIFFER.incrementAndGet();
            if (Boolean.getBoolean("kustomize.scenario.messages")) {
                System.out.printf("%s: both fail, messages differ%n  kubectl: %s%n  Mooring: %s%n", name, expected, ours);
            }
        }
    }

    // klog's escapes in a one-line err="...": \" \\ and \n.
    private static String unescape(String quoted) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length()) {
                char next = quoted.charAt(++i);
                out.append(next == 'n' ? '\n' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** kubectl's outcome for a scenario, remembered so that a rerun only asks kubectl about what changed. */
    private static Oracle cachedKubectl(Path kubectl, Path dir) {
        try {
            Path cached = Path.of("target", "kustomize-scenarios-oracle", dir.getFileName() + "-" + fingerprint(kubectl, dir));
            Path output = cached.resolveSibling(cached.getFileName() + ".out");
            Path failure = cached.resolveSibling(cached.getFileName() + ".err");
            if (Files.exists(output)) {
                return new Oracle(false, Files.readString(output));
            }
            if (Files.exists(failure)) {
                return new Oracle(true, Files.readString(failure));
            }
            Oracle oracle = runKubectl(kubectl, dir);
            Files.createDirectories(cached.getParent());
            Files.writeString(oracle.failed() ? failure : output, oracle.text());
            return oracle;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fingerprint(Path kubectl, Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            Path binary = kubectl.toRealPath();
            String environment = new TreeMap<>(ENVIRONMENT).toString();
            digest.update((binary + " " + Files.size(binary) + " " + Files.getLastModifiedTime(binary) + " " + environment)
                    .getBytes(StandardCharsets.UTF_8));
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                digest.update(dir.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(file));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static Oracle runKubectl(Path kubectl, Path dir) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString());
        builder.environment().keySet().retainAll(List.of("PATH", "HOME"));
        builder.environment().putAll(ENVIRONMENT);
        Path stderr = Files.createTempFile("kustomize-scenario", ".err");
        try {
            Process process = builder.redirectError(stderr.toFile()).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + dir + " did not finish in a minute");
            }
            return process.exitValue() == 0 ? new Oracle(false, out.strip()) : new Oracle(true, Files.readString(stderr).strip());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while kubectl built " + dir, e);
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    private static List<Path> scenarioDirs() throws IOException {
        Path root = SharedData.repositoryRoot().resolve("mooring-core/src/test/resources/kustomize-scenarios");
        String only = System.getProperty("kustomize.scenario", ".*");
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory)
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
}
