package io.mooring.bench;

import io.mooring.bench.CaseResult.Verdict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every shared Kustomize case rendered by Mooring and by {@code kubectl kustomize} in one run
 * (bench/README.md says what each figure means):
 * <ol>
 *   <li>a reference pass: each tool builds each case once and the outputs are compared;</li>
 *   <li>warm-up rounds of Mooring over all cases, untimed;</li>
 *   <li>per case, side by side: kubectl as one process per run, Mooring's build in this warm JVM;</li>
 *   <li>cold: fresh JVMs that build every case once, timed as whole processes;</li>
 *   <li>one render as a user runs it: {@code java -jar mooring.jar render DIR} against
 *       {@code kubectl kustomize DIR}, whole processes, for the case with the largest output.</li>
 * </ol>
 * Failures of Mooring are reported, not fatal: the benchmark times what builds.
 */
public final class KustomizeBench {
    private KustomizeBench() {
    }

    public static void main(String[] args) throws Exception {
        Checkout checkout = Checkout.find();
        Path casesDir = checkout.shared("compat/kustomize/cases");
        if (!Files.isDirectory(casesDir)) {
            System.out.println("skipped: " + casesDir + " is not present. The Kustomize cases exist only in the Mooring"
                    + " workplace (../shared beside the checkout), not in a clone, so there is nothing to benchmark.");
            return;
        }
        Options options;
        try {
            options = Options.parse(args, new Options(7, 5, 3, Pattern.compile(".*"),
                    Options.defaultResults(checkout, "kustomize"), "bench/run kustomize"), true);
        } catch (IllegalArgumentException e) {
            System.err.println("bench/run kustomize: " + e.getMessage());
            System.exit(2);
            return;
        }
        List<KustomizeCase> cases = KustomizeCase.list(casesDir, name -> options.cases().matcher(name).matches());
        if (cases.isEmpty()) {
            System.err.println("bench/run kustomize: no case under " + casesDir + " matches " + options.cases());
            System.exit(2);
        }
        List<String> machine = Machine.describe(List.of("kubectl", "version", "--client"));

        List<CaseResult> results = referencePass(cases);
        warmUp(results, options.warmup());
        sideBySide(results, options.runs());
        List<CaseResult> timed = results.stream().filter(CaseResult::bothBuilt).toList();
        KustomizeReport.Cold cold = timed.isEmpty() ? null : coldPasses(casesDir, timed, options.cold());
        KustomizeReport.OneRender one = timed.isEmpty() ? null : oneRender(checkout, largest(timed), options.runs());

        machine.add(Machine.loadAverage("at the end"));
        KustomizeReport report = new KustomizeReport(options, machine, results, cold, one);
        Files.createDirectories(options.results().getParent());
        Files.writeString(options.results(), report.markdown());
        System.out.println(report.summary());
        Path written = options.results().startsWith(checkout.root()) ? checkout.root().relativize(options.results()) : options.results();
        System.out.println("per-case results: " + written);
    }

    private static List<CaseResult> referencePass(List<KustomizeCase> cases) throws IOException, InterruptedException {
        progress("reference pass: each tool builds each of " + cases.size() + " cases once; outputs compared");
        List<CaseResult> results = new ArrayList<>();
        for (KustomizeCase kase : cases) {
            ProcessRun kubectl = kubectl(kase);
            String mooring;
            try {
                mooring = kase.renderWithMooring();
            } catch (RuntimeException | StackOverflowError e) {
                mooring = null;
                if (kubectl.ok()) {
                    results.add(result(kase, Verdict.MOORING_FAILED, firstLine(e), kubectl));
                    continue;
                }
            }
            if (!kubectl.ok()) {
                results.add(result(kase, Verdict.KUBECTL_FAILED, kubectl.failure(), kubectl));
            } else if (kubectl.stdout().strip().equals(mooring.strip())) {
                results.add(result(kase, Verdict.SAME, "", kubectl));
            } else {
                results.add(result(kase, Verdict.DIFFERENT, firstDifference(kubectl.stdout().strip(), mooring.strip()), kubectl));
            }
        }
        return results;
    }

    private static CaseResult result(KustomizeCase kase, Verdict verdict, String detail, ProcessRun kubectl) {
        return new CaseResult(kase, verdict, detail, kubectl.ok() ? kubectl.stdout().length() : 0, new Timings(), new Timings());
    }

    private static void warmUp(List<CaseResult> results, int rounds) {
        progress("warm-up: " + rounds + " untimed rounds of Mooring over every case it builds");
        for (int round = 0; round < rounds; round++) {
            for (CaseResult result : results) {
                if (result.bothBuilt()) {
                    result.kase().renderWithMooring();
                }
            }
        }
    }

    /** Per case, {@code runs} times: kubectl as a process, then Mooring in this JVM, in turn. */
    private static void sideBySide(List<CaseResult> results, int runs) throws IOException, InterruptedException {
        progress("side by side: " + runs + " runs per case of kubectl (one process each) and Mooring (this warm JVM)");
        int done = 0;
        for (CaseResult result : results) {
            for (int run = 0; run < runs && result.kubectlBuilt(); run++) {
                result.kubectl().add(kubectl(result.kase()));
                if (result.bothBuilt()) {
                    long cpu = CpuClock.thread();
                    long start = System.nanoTime();
                    result.kase().renderWithMooring();
                    result.mooring().add(System.nanoTime() - start, CpuClock.thread() - cpu);
                }
            }
            if (++done % 25 == 0) {
                progress("  " + done + " of " + results.size() + " cases");
            }
        }
    }

    /** Fresh JVMs each building every case that both tools built once, timed as whole processes. */
    private static KustomizeReport.Cold coldPasses(Path casesDir, List<CaseResult> timed, int passes)
            throws IOException, InterruptedException {
        progress("cold: " + passes + " fresh JVMs, each building the " + timed.size() + " cases once");
        List<String> command = new ArrayList<>(List.of(Checkout.java(), "-cp", System.getProperty("java.class.path"),
                KustomizeColdPass.class.getName(), casesDir.toString()));
        timed.forEach(r -> command.add(r.kase().name()));
        Timings whole = new Timings();
        Samples inside = new Samples();
        for (int pass = 0; pass < passes; pass++) {
            ProcessRun run = ProcessRun.of(command);
            if (!run.ok() || !run.stdout().contains(" failed=0")) {
                throw new IllegalStateException("the cold pass did not build every case it was given: " + run.failure());
            }
            whole.add(run);
            inside.add(KustomizeColdPass.insideNanos(run));
        }
        return new KustomizeReport.Cold(timed.size(), whole, inside);
    }

    /** The case with the most output: where a difference in speed, if any, shows most. */
    private static CaseResult largest(List<CaseResult> timed) {
        return timed.stream().max(Comparator.comparingInt(CaseResult::outputBytes)).orElseThrow();
    }

    /** {@code kubectl kustomize DIR} and {@code java -jar mooring.jar render DIR}, in turn, whole processes. */
    private static KustomizeReport.OneRender oneRender(Checkout checkout, CaseResult kase, int runs)
            throws IOException, InterruptedException {
        progress("one render: " + runs + " runs each of kubectl and the mooring CLI on " + kase.kase().name());
        List<String> cli = List.of(Checkout.java(), "--enable-native-access=ALL-UNNAMED", "-jar", checkout.cliJar().toString(),
                "render", kase.kase().buildDir().toString());
        Timings kubectl = new Timings();
        Timings mooring = new Timings();
        boolean same = true;
        for (int run = 0; run < runs; run++) {
            ProcessRun peer = kubectl(kase.kase());
            ProcessRun ours = ProcessRun.of(cli);
            if (!ours.ok()) {
                throw new IllegalStateException("mooring render " + kase.kase().buildDir() + " failed: " + ours.failure());
            }
            same &= ours.stdout().strip().equals(peer.stdout().strip());
            kubectl.add(peer);
            mooring.add(ours);
        }
        return new KustomizeReport.OneRender(kase.kase().name(), same, kubectl, mooring);
    }

    private static ProcessRun kubectl(KustomizeCase kase) throws IOException, InterruptedException {
        try {
            return ProcessRun.of(kase.kubectlCommand());
        } catch (IOException e) {
            throw new IOException("cannot run kubectl, the peer of this benchmark (kubectl 1.32 carries kustomize v5.5.0): "
                    + e.getMessage(), e);
        }
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? "" : e.getMessage().strip();
        int newline = message.indexOf('\n');
        return e.getClass().getSimpleName() + ": " + (newline < 0 ? message : message.substring(0, newline));
    }

    private static String firstDifference(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        for (int i = 0; i < Math.max(e.length, a.length); i++) {
            String kubectlLine = i < e.length ? e[i] : "<end>";
            String mooringLine = i < a.length ? a[i] : "<end>";
            if (!kubectlLine.equals(mooringLine)) {
                return "line " + (i + 1) + ": kubectl \"" + kubectlLine.strip() + "\", Mooring \"" + mooringLine.strip() + "\"";
            }
        }
        return "outputs differ";
    }

    private static void progress(String message) {
        System.err.println(message);
    }
}
