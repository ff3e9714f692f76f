package io.mooring.render.kustomize;

import io.mooring.render.Renderers;
import io.mooring.resource.ManifestException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/**
 * Differential test of patches and generators: each folder {@code kustomize-scenarios/patch-*} and
 * {@code gen-*} is a kustomization tree, built by Mooring and by {@code kubectl kustomize} (kustomize
 * v5.5.0, the oracle). Their outputs must be equal, or both builds must fail. Skipped when kubectl is
 * not on the PATH. Each scenario folder is the directory built (bases in subfolders); a scenario
 * whose build kubectl refuses checks that Mooring refuses it too. Run some with
 * {@code -Dkustomize.scenario=regex}; {@code -Dkustomize.scenario.messages=true} also prints the
 * expected failures whose message does not contain kubectl's.
 */
class KustomizePatchScenariosTest {
    private static final String SCENARIOS = "kustomize-scenarios";
    private static final String OURS = "(patch|gen)-.*";
    /**
     * Set for kubectl, named by a bare key in an env file scenario: kustomize v5.5.0 does not read
     * the environment there, and neither may Mooring.
     */
    private static final Map<String, String> ENVIRONMENT = Map.of("SCENARIO_FROM_ENV", "value from the environment");
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final AtomicInteger DIFFER = new AtomicInteger();
    private static final AtomicInteger ERROR_TEXTS_DIFFER = new AtomicInteger();
    /** kubectl's error: {@code err="<message>"} on one line, or {@code err=<} then tab-indented lines and {@code >}. */
    private static final Pattern KUBECTL_ERROR = Pattern.compile("err=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern KUBECTL_ERROR_BLOCK = Pattern.compile("err=<\n((?:\t.*\n?)*)");

    /** What kubectl printed for one scenario: its output, or its error when it failed. */
    private record Oracle(boolean failed, String text) {
    }

    @TestFactory
    Stream<DynamicTest> scenariosMatchKubectl() throws Exception {
        Assumptions.assumeTrue(kubectlAvailable(),
                "skipped: kubectl is not on the PATH; these scenarios compare Mooring with `kubectl kustomize`");
        List<Path> dirs = scenarioDirs();
        // kubectl is a process per scenario: run them all at once, compare one by one.
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(4, Runtime.getRuntime().availableProcessors() * 2));
        Map<Path, CompletableFuture<Oracle>> oracles = new LinkedHashMap<>();
        dirs.forEach(dir -> oracles.put(dir, CompletableFuture.supplyAsync(() -> kubectl(dir), pool)));
        pool.shutdown();
        return dirs.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(),
                () -> compare(dir, oracles.get(dir).get(60, TimeUnit.SECONDS))));
    }

    @AfterAll
    static void summary() {
        System.out.printf("Kustomize patch and generator scenarios: %d scenarios, %d differ (%d expected failures with another message)%n",
                COUNT.get(), DIFFER.get(), ERROR_TEXTS_DIFFER.get());
    }

    private static void compare(Path dir, Oracle oracle) {
        COUNT.incrementAndGet();
        String name = dir.getFileName().toString();
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
            fail(name + ": output differs from kubectl at " + firstDifference(oracle.text(), actual)
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
                : kubectlError;
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

    private static Oracle kubectl(Path dir) {
        try {
            ProcessBuilder builder = new ProcessBuilder("kubectl", "kustomize", dir.toString());
            Map<String, String> env = builder.environment();
            env.keySet().retainAll(List.of("PATH", "HOME"));
            env.putAll(ENVIRONMENT);
            Path err = Files.createTempFile("kubectl-kustomize", ".err");
            try {
                Process process = builder.redirectError(err.toFile()).start();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    return new Oracle(true, "kubectl timed out");
                }
                return process.exitValue() == 0 ? new Oracle(false, out.strip()) : new Oracle(true, Files.readString(err).strip());
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean kubectlAvailable() {
        try {
            Process process = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<Path> scenarioDirs() throws IOException, URISyntaxException {
        URL root = KustomizePatchScenariosTest.class.getClassLoader().getResource(SCENARIOS);
        Assumptions.assumeTrue(root != null, "skipped: no " + SCENARIOS + " folder on the test class path");
        String only = System.getProperty("kustomize.scenario", ".*");
        try (Stream<Path> dirs = Files.list(Path.of(root.toURI()))) {
            return dirs.filter(Files::isDirectory)
                    .filter(d -> d.getFileName().toString().matches(OURS))
                    .filter(d -> d.getFileName().toString().matches(only))
                    .sorted()
                    .toList();
        }
    }

    private static String firstDifference(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        for (int i = 0; i < Math.max(e.length, a.length); i++) {
            String el = i < e.length ? e[i] : "<end>";
            String al = i < a.length ? a[i] : "<end>";
            if (!el.equals(al)) {
                return "line " + (i + 1) + ":\n  kubectl: " + el + "\n  Mooring: " + al;
            }
        }
        return "the end";
    }
}
