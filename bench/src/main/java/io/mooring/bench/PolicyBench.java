package io.mooring.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.policy.AdmissionRequest;
import io.mooring.policy.Policy;
import io.mooring.policy.PolicyLoader;
import io.mooring.policy.PolicySet;
import io.mooring.policy.RuleResult;
import io.mooring.policy.RuleStatus;
import io.mooring.policy.kyvernotest.KyvernoTestLoader;
import io.mooring.policy.kyvernotest.LoadedTest;
import io.mooring.render.RenderRequest;
import io.mooring.render.Renderers;
import io.mooring.resource.Manifest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Policy evaluation throughput (bench/README.md): evaluations per second, one evaluation being one
 * policy (all its rules, autogen included) judging one resource.
 * <ol>
 *   <li>corpus: every policy of the shared Kyverno suites on every resource of its suite;</li>
 *   <li>examples: the example platform's policies on 10,000 objects made from the rendered example
 *       apps (one in ten of the workloads given a {@code :latest} image, so that failures and their
 *       messages are part of the work);</li>
 *   <li>cold: {@code mooring policy check} of the example apps as a user runs it, a fresh JVM each.</li>
 * </ol>
 * In-JVM figures are timed from inside on the benchmark's thread (wall and that thread's CPU time),
 * after warm-up rounds. There is no peer: no kyverno CLI is installable on this project's machines.
 */
public final class PolicyBench {
    private static final int OBJECTS = 10_000;
    private static final String POLICIES = "examples/platform/policies";
    private static final List<String> APPS = List.of("examples/platform/apps/guestbook/overlays/dev",
            "examples/platform/apps/guestbook/overlays/staging", "examples/platform/apps/guestbook/overlays/prod",
            "examples/platform/apps/todo-stack", "examples/platform/apps/namespaces");
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    private PolicyBench() {
    }

    /** One timed workload: policy × resource pairs evaluated in one round. */
    private record Workload(String name, List<Policy> policies, List<ObjectNode> objects) {
        long pairs() {
            return (long) policies.size() * objects.size();
        }
    }

    /** A measured set of workloads: its name, the pairs a round evaluates, the round timings and verdicts. */
    private record Measured(String name, long pairs, Timings rounds, Map<RuleStatus, Long> verdicts) {
    }

    public static void main(String[] args) throws Exception {
        Checkout checkout = Checkout.find();
        Options options;
        try {
            options = Options.parse(args, new Options(10, 3, 3, Pattern.compile(".*"),
                    Options.defaultResults(checkout, "policy"), "bench/run policy"), false);
        } catch (IllegalArgumentException e) {
            System.err.println("bench/run policy: " + e.getMessage());
            System.exit(2);
            return;
        }
        List<String> machine = Machine.describe(List.of());
        List<Measured> measured = new ArrayList<>();
        Path cases = checkout.shared("compat/kyverno/cases");
        String corpusNote;
        if (Files.isDirectory(cases)) {
            List<Path> files = KyvernoTestLoader.find(cases);
            List<Workload> suites = new ArrayList<>();
            for (Path file : files) {
                LoadedTest test = KyvernoTestLoader.load(file);
                suites.add(new Workload(file.toString(), test.policies(), test.resources()));
            }
            corpusNote = files.size() + " suites";
            progress("corpus: " + corpusNote + ", " + suites.stream().mapToLong(Workload::pairs).sum() + " pairs a round");
            measured.add(measure("shared Kyverno corpus (" + corpusNote + ", each policy on its suite's resources)", suites, options));
        } else {
            corpusNote = "skipped: ../shared/compat/kyverno/cases is not present";
            progress("corpus " + corpusNote);
        }

        PolicySet examplePolicies = PolicyLoader.load(checkout.root().resolve(POLICIES));
        List<ObjectNode> rendered = new ArrayList<>();
        for (String app : APPS) {
            Path path = checkout.root().resolve(app);
            for (Manifest manifest : Renderers.forPath(path).render(RenderRequest.of(path))) {
                rendered.add(manifest.object());
            }
        }
        List<ObjectNode> objects = multiply(rendered);
        Workload examples = new Workload("example policies (" + examplePolicies.policies().size() + ") on " + OBJECTS
                + " objects from the rendered example apps (" + rendered.size() + " distinct)", examplePolicies.policies(), objects);
        progress("examples: " + examples.pairs() + " pairs a round");
        measured.add(measure(examples.name(), List.of(examples), options));

        progress("cold: " + options.cold() + " runs of mooring policy check, a fresh JVM each");
        List<String> cli = new ArrayList<>(List.of(Checkout.java(), "--enable-native-access=ALL-UNNAMED", "-jar",
                checkout.cliJar().toString(), "policy", "check", "--policies", checkout.root().resolve(POLICIES).toString()));
        APPS.forEach(app -> cli.add(checkout.root().resolve(app).toString()));
        Timings cold = new Timings();
        for (int run = 0; run < options.cold(); run++) {
            ProcessRun check = ProcessRun.of(cli);
            if (!check.ok()) {
                throw new IllegalStateException("mooring policy check of the example apps failed: " + check.failure());
            }
            cold.add(check);
        }
        machine.add(Machine.loadAverage("at the end"));
        String report = report(options, machine, corpusNote, measured, cold);
        Files.createDirectories(options.results().getParent());
        Files.writeString(options.results(), report);
        System.out.println(report);
    }

    /** Copies of the rendered objects, each with its own name, one workload in ten with a latest tag. */
    private static List<ObjectNode> multiply(List<ObjectNode> rendered) {
        List<ObjectNode> objects = new ArrayList<>(OBJECTS);
        for (int i = 0; i < OBJECTS; i++) {
            ObjectNode copy = rendered.get(i % rendered.size()).deepCopy();
            ((ObjectNode) copy.path("metadata")).put("name", copy.path("metadata").path("name").asText() + "-" + i);
            JsonNode containers = copy.path("spec").path("template").path("spec").path("containers");
            if (i % 10 == 0 && containers.isArray() && !containers.isEmpty()) {
                String image = containers.get(0).path("image").asText();
                ((ObjectNode) containers.get(0)).put("image", image.substring(0, image.lastIndexOf(':')) + ":latest");
            }
            objects.add(copy);
        }
        return objects;
    }

    private static Measured measure(String name, List<Workload> parts, Options options) {
        for (int round = 0; round < options.warmup(); round++) {
            evaluate(parts);
        }
        Timings rounds = new Timings();
        Map<RuleStatus, Long> verdicts = Map.of();
        for (int run = 0; run < options.runs(); run++) {
            long cpu = CpuClock.thread();
            long start = System.nanoTime();
            verdicts = evaluate(parts);
            rounds.add(System.nanoTime() - start, CpuClock.thread() - cpu);
        }
        return new Measured(name, parts.stream().mapToLong(Workload::pairs).sum(), rounds, verdicts);
    }

    private static Map<RuleStatus, Long> evaluate(List<Workload> parts) {
        Map<RuleStatus, Long> verdicts = new EnumMap<>(RuleStatus.class);
        for (Workload part : parts) {
            for (ObjectNode object : part.objects()) {
                AdmissionRequest request = AdmissionRequest.create(object, NOW);
                for (Policy policy : part.policies()) {
                    for (RuleResult result : PolicySet.evaluate(policy, request)) {
                        verdicts.merge(result.status(), 1L, Long::sum);
                    }
                }
            }
        }
        return verdicts;
    }

    private static String report(Options options, List<String> machine, String corpusNote, List<Measured> measured, Timings cold) {
        StringBuilder md = new StringBuilder();
        md.append("# Policy evaluation: evaluations per second, ").append(LocalDate.now(ZoneOffset.UTC)).append("\n\n");
        md.append("Command: `").append(options.commandLine()).append("`. An evaluation is one policy (all its rules, autogen ")
                .append("included) judging one resource, as a CREATE. Corpus: ").append(corpusNote).append(".\n");
        md.append("Peer: none. No kyverno CLI is installable here (neither Debian's packages nor the npm registry have one).\n\n");
        md.append("Machine:\n\n");
        machine.forEach(line -> md.append("- ").append(line).append('\n'));
        md.append("\nIn this JVM, after ").append(options.warmup()).append(" warm-up rounds, ").append(options.runs())
                .append(" timed rounds; a round evaluates every pair once. Wall and CPU (the benchmark thread's) medians.\n\n");
        md.append("| workload | pairs per round | verdicts per round | round wall ms (min–max) | round CPU ms | evaluations/s (wall) | evaluations/s (CPU) | µs per evaluation (CPU) |\n");
        md.append("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (Measured m : measured) {
            long pairs = m.pairs();
            double wall = m.rounds().wall().median() / 1e9;
            double cpu = m.rounds().cpu().median() / 1e9;
            md.append("| ").append(m.name()).append(" | ").append(pairs).append(" | ").append(verdicts(m.verdicts()))
                    .append(" | ").append(m.rounds().wall().spread()).append(" | ").append(Samples.ms(m.rounds().cpu().median()))
                    .append(" | ").append(String.format(Locale.ROOT, "%,.0f", pairs / wall)).append(" | ")
                    .append(String.format(Locale.ROOT, "%,.0f", pairs / cpu)).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", cpu * 1e6 / pairs)).append(" |\n");
        }
        md.append("\nCold, as a user runs it: `java -jar mooring-cli/target/mooring.jar policy check --policies ").append(POLICIES)
                .append(" <the five example app paths>` (rendering included), whole process, fresh JVM each: median ")
                .append(cold.wall().spread()).append(" ms wall, ").append(Samples.ms(cold.cpu().median())).append(" ms CPU (all threads, 10 ms ticks), ")
                .append(cold.count()).append(" runs.\n");
        return md.toString();
    }

    private static String verdicts(Map<RuleStatus, Long> verdicts) {
        List<String> parts = new ArrayList<>();
        verdicts.forEach((status, count) -> parts.add(count + " " + status.word()));
        return String.join(", ", parts);
    }

    private static void progress(String message) {
        System.err.println(message);
    }
}
