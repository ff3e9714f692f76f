package io.mooring.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How long the CLI takes for short commands, start-up included (bench/README.md, "CLI start-up").
 * Every figure is a whole process timed from outside. Per command, these run in turn (A B C ...),
 * {@code --runs} rounds after {@code --warmup} untimed ones:
 * <ul>
 *   <li>{@code ./mooring CMD}, as users run it;</li>
 *   <li>the JVM that {@code ./mooring} starts, alone: the difference is the launcher script's own cost;</li>
 *   <li>{@code java -jar mooring.jar CMD} with the JVM's defaults: what the launcher's start-up cache
 *       and JVM options save;</li>
 *   <li>with {@code --baseline DIR}, that checkout's {@code ./mooring} (an earlier commit: before and after);</li>
 *   <li>for the Kustomize render, the peer {@code kubectl kustomize DIR}.</li>
 * </ul>
 */
public final class StartupBench {
    static final String KUSTOMIZE = "examples/platform/apps/guestbook/overlays/dev";
    static final String PLAIN = "examples/platform/apps/namespaces";
    static final String POLICIES = "examples/platform/policies";

    private StartupBench() {
    }

    /** What a command line is, for the report. */
    enum Kind {
        LAUNCHER("`./mooring`"),
        JVM_ALONE("the JVM `./mooring` starts, alone"),
        JAVA_JAR("`java -jar mooring.jar`, JVM defaults"),
        BASELINE("`./mooring` of the baseline"),
        PEER("`kubectl kustomize`");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    record Variant(Kind kind, List<String> command) {
    }

    /** One short command and the ways it is run. */
    record Scenario(String name, List<Variant> variants) {
    }

    public static void main(String[] args) throws Exception {
        Checkout checkout = Checkout.find();
        StartupBenchOptions options;
        try {
            options = StartupBenchOptions.parse(args, Options.defaultResults(checkout, "startup"));
        } catch (IllegalArgumentException e) {
            System.err.println(StartupBenchOptions.COMMAND + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        List<String> machine = Machine.describe(List.of("kubectl", "version", "--client"));
        List<Scenario> scenarios = scenarios(checkout, options.baseline());
        boolean sameAsKubectl = prepare(scenarios);

        progress(options.warmup() + " untimed rounds, then " + options.runs() + " timed rounds of "
                + scenarios.stream().mapToInt(s -> s.variants().size()).sum() + " processes");
        Map<Variant, Timings> timings = new LinkedHashMap<>();
        scenarios.forEach(s -> s.variants().forEach(v -> timings.put(v, new Timings())));
        for (int round = 0; round < options.warmup() + options.runs(); round++) {
            for (Scenario scenario : scenarios) {
                for (Variant variant : scenario.variants()) {
                    ProcessRun run = ProcessRun.of(variant.command());
                    if (!run.ok()) {
                        throw new IllegalStateException(String.join(" ", variant.command()) + " failed: " + run.failure());
                    }
                    if (round >= options.warmup()) {
                        timings.get(variant).add(run);
                    }
                }
            }
        }

        machine.add(Machine.loadAverage("at the end"));
        String report = StartupReport.write(options, machine, sameAsKubectl, scenarios, timings);
        Files.createDirectories(options.results().getParent());
        Files.writeString(options.results(), report);
        System.out.println(report);
    }

    private static List<Scenario> scenarios(Checkout checkout, Path baseline) throws IOException, InterruptedException {
        Path root = checkout.root();
        String kustomize = root.resolve(KUSTOMIZE).toString();
        List<Scenario> scenarios = new ArrayList<>();
        scenarios.add(scenario(root, baseline, "help", true, "--help"));
        Scenario render = scenario(root, baseline, "render (Kustomize)", true, "render", kustomize);
        List<Variant> withPeer = new ArrayList<>(render.variants());
        withPeer.add(new Variant(Kind.PEER, List.of("kubectl", "kustomize", kustomize)));
        scenarios.add(new Scenario(render.name(), withPeer));
        scenarios.add(scenario(root, baseline, "render (plain YAML)", false, "render", root.resolve(PLAIN).toString()));
        scenarios.add(scenario(root, baseline, "policy check", false,
                "policy", "check", "--policies", root.resolve(POLICIES).toString(), kustomize));
        return scenarios;
    }

    /** {@code ./mooring ARGS}; with {@code jvmRows}, the JVM alone and {@code java -jar}; the baseline's when there is one. */
    private static Scenario scenario(Path root, Path baseline, String name, boolean jvmRows, String... args)
            throws IOException, InterruptedException {
        List<String> arguments = List.of(args);
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant(Kind.LAUNCHER, concat(List.of(root.resolve("mooring").toString()), arguments)));
        if (jvmRows) {
            variants.add(new Variant(Kind.JVM_ALONE, jvmOf(root, arguments)));
            variants.add(new Variant(Kind.JAVA_JAR, concat(List.of(Checkout.java(), "--enable-native-access=ALL-UNNAMED", "-jar",
                    root.resolve("mooring-cli/target/mooring.jar").toString()), arguments)));
        }
        if (baseline != null) {
            variants.add(new Variant(Kind.BASELINE, concat(List.of(baseline.resolve("mooring").toString()), arguments)));
        }
        return new Scenario(name, variants);
    }

    /**
     * The java command that {@code ./mooring ARGS} executes, read from the shell's trace of one run
     * ({@code sh -x}), so that the benchmark does not restate the launcher's options.
     */
    private static List<String> jvmOf(Path root, List<String> arguments) throws IOException, InterruptedException {
        ProcessRun traced = ProcessRun.of(concat(List.of("sh", "-x", root.resolve("mooring").toString()), arguments));
        String exec = traced.stderr().lines().filter(line -> line.startsWith("+ exec ")).reduce((first, last) -> last)
                .orElseThrow(() -> new IllegalStateException("./mooring " + String.join(" ", arguments)
                        + " showed no exec line under sh -x: " + traced.failure()));
        List<String> command = Arrays.asList(exec.substring("+ exec ".length()).split(" "));
        if (!command.subList(command.size() - arguments.size(), command.size()).equals(arguments)) {
            throw new IllegalStateException("cannot split the launcher's java command into words (a space in a path?): " + exec);
        }
        return command;
    }

    /**
     * Runs every command once, untimed: the launchers build their jars and start-up caches if they
     * must, and a command that fails stops the benchmark here. Returns whether {@code ./mooring}'s
     * Kustomize render printed what kubectl printed.
     */
    private static boolean prepare(List<Scenario> scenarios) throws IOException, InterruptedException {
        progress("preparing: every command once (the launchers build what they lack)");
        boolean same = true;
        for (Scenario scenario : scenarios) {
            String ours = null;
            for (Variant variant : scenario.variants()) {
                ProcessRun run = ProcessRun.of(variant.command());
                if (!run.ok()) {
                    throw new IllegalStateException(String.join(" ", variant.command()) + " failed: " + run.failure());
                }
                if (variant.kind() == Kind.LAUNCHER) {
                    ours = run.stdout();
                } else if (variant.kind() == Kind.PEER) {
                    same = run.stdout().strip().equals(ours.strip());
                }
            }
        }
        return same;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static void progress(String message) {
        System.err.println(message);
    }
}
