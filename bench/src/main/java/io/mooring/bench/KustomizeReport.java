package io.mooring.bench;

import io.mooring.bench.CaseResult.Verdict;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;

/** The Kustomize benchmark's results: totals, the correctness report and the per-case table. */
record KustomizeReport(Options options, List<String> machine, List<CaseResult> results, Cold cold, OneRender one) {
    /**
     * Fresh JVMs building every timed case once.
     *
     * @param whole  the whole process, JVM start-up included
     * @param inside the same runs' wall time from inside: the builds alone
     */
    record Cold(int cases, Timings whole, Samples inside) {
    }

    /** One case rendered as a user runs each tool: a whole process per render. */
    record OneRender(String caseName, boolean sameOutput, Timings kubectl, Timings mooring) {
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Kustomize rendering: Mooring and kubectl kustomize, ").append(LocalDate.now(ZoneOffset.UTC)).append("\n\n");
        md.append("Command: `").append(options.commandLine()).append("` (").append(options.runs()).append(" timed runs per case, ")
                .append(options.warmup()).append(" warm-up rounds, ").append(options.cold()).append(" cold JVMs).\n");
        md.append("Cases: `../shared/compat/kustomize/cases`, ").append(results.size()).append(" selected.\n");
        md.append("Times are medians in milliseconds, wall-clock unless marked CPU (user and system, all cores);"
                + " a ratio above 1 means Mooring took less time.\n\n");
        md.append("Machine:\n\n");
        machine.forEach(line -> md.append("- ").append(line).append('\n'));
        md.append("\n## Totals\n\n").append(totals());
        md.append("\n## Correctness\n\n").append(correctness());
        md.append("\n## Per case\n\n");
        md.append("kubectl: `kubectl kustomize DIR`, one process per run; its CPU time is counted in 10 ms ticks."
                + " Mooring: `Kustomize.build` and printing, in the warm JVM; its CPU time is the building thread's"
                + " (the JIT compiler's and the collector's threads are not counted).\n\n");
        md.append("| case | kubectl ms | Mooring warm ms | kubectl / Mooring | kubectl CPU ms | Mooring CPU ms | CPU kubectl / Mooring | output |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (CaseResult r : results) {
            md.append("| ").append(r.kase().name())
                    .append(" | ").append(median(r.kubectl().wall()))
                    .append(" | ").append(median(r.mooring().wall()))
                    .append(" | ").append(r.bothBuilt() ? Samples.ratio(r.kubectl().wall().median(), r.mooring().wall().median()) : "—")
                    .append(" | ").append(median(r.kubectl().cpu()))
                    .append(" | ").append(median(r.mooring().cpu()))
                    .append(" | ").append(r.bothBuilt() ? Samples.ratio(r.kubectl().cpu().median(), r.mooring().cpu().median()) : "—")
                    .append(" | ").append(r.verdict().text)
                    .append(" |\n");
        }
        return md.toString();
    }

    /** What the console shows at the end of a run. */
    String summary() {
        return "\n" + totals() + "\n" + correctness();
    }

    private String totals() {
        List<CaseResult> timed = results.stream().filter(CaseResult::bothBuilt).toList();
        if (timed.isEmpty()) {
            return "No case was built by both tools, so there is nothing to compare.\n";
        }
        StringBuilder md = new StringBuilder();
        md.append("Over the ").append(timed.size()).append(" cases that both tools built:\n\n");
        md.append("| view | kubectl ms | Mooring ms | kubectl / Mooring | kubectl CPU ms | Mooring CPU ms | CPU kubectl / Mooring |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        long kubectlWall = sum(timed, r -> r.kubectl().wall());
        long kubectlCpu = sum(timed, r -> r.kubectl().cpu());
        row(md, "warm: sum of per-case medians; kubectl one process per case, Mooring in one warm JVM",
                kubectlWall, sum(timed, r -> r.mooring().wall()), kubectlCpu, sum(timed, r -> r.mooring().cpu()));
        row(md, "cold: the same kubectl sum; Mooring one fresh JVM building every case once (whole process, median of "
                + cold.whole().count() + ")", kubectlWall, cold.whole().wall().median(), kubectlCpu, cold.whole().cpu().median());
        row(md, "one render of " + one.caseName() + " (the largest output), whole process each: kubectl kustomize DIR against"
                + " java -jar mooring-cli/target/mooring.jar render DIR (median of " + one.kubectl().count() + ")",
                one.kubectl().wall().median(), one.mooring().wall().median(), one.kubectl().cpu().median(), one.mooring().cpu().median());
        md.append("\nPer case, kubectl / Mooring warm: wall ").append(ratioSpread(timed, r -> r.kubectl().wall(), r -> r.mooring().wall()))
                .append("; CPU ").append(ratioSpread(timed, r -> r.kubectl().cpu(), r -> r.mooring().cpu())).append(".\n");
        md.append("Inside the cold JVMs, after JVM start-up, building the ").append(cold.cases()).append(" cases took ")
                .append(cold.inside().spread()).append(" ms (median, min–max); the rest of the cold figure, ")
                .append(Samples.ms(cold.whole().wall().median() - cold.inside().median())).append(" ms, is the JVM starting and exiting.\n");
        md.append("One render, wall (median, min–max): kubectl ").append(one.kubectl().wall().spread()).append(" ms, Mooring CLI ")
                .append(one.mooring().wall().spread()).append(" ms; outputs ")
                .append(one.sameOutput() ? "equal" : "NOT equal").append(".\n");
        return md.toString();
    }

    private String correctness() {
        StringBuilder md = new StringBuilder();
        md.append(results.size()).append(" cases: ")
                .append(count(Verdict.SAME)).append(" same output as kubectl, ")
                .append(count(Verdict.DIFFERENT)).append(" different, ")
                .append(count(Verdict.MOORING_FAILED)).append(" failed in Mooring, ")
                .append(count(Verdict.KUBECTL_FAILED)).append(" failed in kubectl")
                .append(" (outputs compared after trimming both).\n");
        List<CaseResult> notSame = results.stream().filter(r -> r.verdict() != Verdict.SAME).toList();
        if (!notSame.isEmpty()) {
            md.append('\n');
            notSame.forEach(r -> md.append("- ").append(r.kase().name()).append(": ").append(r.verdict().text)
                    .append(" — ").append(r.detail().replace("|", "\\|")).append('\n'));
        }
        return md.toString();
    }

    private long count(Verdict verdict) {
        return results.stream().filter(r -> r.verdict() == verdict).count();
    }

    private static String median(Samples samples) {
        return samples.isEmpty() ? "—" : Samples.ms(samples.median());
    }

    private static long sum(List<CaseResult> cases, Function<CaseResult, Samples> samples) {
        return cases.stream().mapToLong(r -> samples.apply(r).median()).sum();
    }

    /** The median, lowest and highest of the per-case ratios. */
    private static String ratioSpread(List<CaseResult> cases, Function<CaseResult, Samples> peer, Function<CaseResult, Samples> mooring) {
        List<Double> ratios = cases.stream()
                .map(r -> (double) peer.apply(r).median() / mooring.apply(r).median())
                .sorted()
                .toList();
        double median = (ratios.get((ratios.size() - 1) / 2) + ratios.get(ratios.size() / 2)) / 2;
        return "median " + Samples.ratio(median) + ", lowest " + Samples.ratio(ratios.getFirst())
                + ", highest " + Samples.ratio(ratios.getLast());
    }

    private static void row(StringBuilder md, String view, long kubectlWall, long mooringWall, long kubectlCpu, long mooringCpu) {
        md.append("| ").append(view)
                .append(" | ").append(Samples.ms(kubectlWall)).append(" | ").append(Samples.ms(mooringWall))
                .append(" | ").append(Samples.ratio(kubectlWall, mooringWall))
                .append(" | ").append(Samples.ms(kubectlCpu)).append(" | ").append(Samples.ms(mooringCpu))
                .append(" | ").append(Samples.ratio(kubectlCpu, mooringCpu))
                .append(" |\n");
    }
}
