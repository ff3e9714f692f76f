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
     * @param inside the same runs from inside: the builds alone
     */
    record Cold(int cases, Samples whole, Samples inside) {
    }

    /** One case rendered as a user runs each tool: a whole process per render. */
    record OneRender(String caseName, boolean sameOutput, Samples kubectl, Samples mooring) {
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Kustomize rendering: Mooring and kubectl kustomize, ").append(LocalDate.now(ZoneOffset.UTC)).append("\n\n");
        md.append("Command: `").append(options.commandLine()).append("` (").append(options.runs()).append(" timed runs per case, ")
                .append(options.warmup()).append(" warm-up rounds, ").append(options.cold()).append(" cold JVMs).\n");
        md.append("Cases: `../shared/compat/kustomize/cases`, ").append(results.size()).append(" selected.\n");
        md.append("Times are medians in milliseconds; a ratio above 1 means Mooring took less time.\n\n");
        md.append("Machine:\n\n");
        machine.forEach(line -> md.append("- ").append(line).append('\n'));
        md.append("\n## Totals\n\n").append(totals());
        md.append("\n## Correctness\n\n").append(correctness());
        md.append("\n## Per case\n\n");
        md.append("kubectl: `kubectl kustomize DIR`, one process per run. Mooring: `Kustomize.build` and printing, in the warm JVM.\n\n");
        md.append("| case | kubectl ms | Mooring warm ms | kubectl / Mooring | output |\n");
        md.append("| --- | ---: | ---: | ---: | --- |\n");
        for (CaseResult r : results) {
            md.append("| ").append(r.kase().name())
                    .append(" | ").append(r.kubectl().isEmpty() ? "—" : Samples.ms(r.kubectl().median()))
                    .append(" | ").append(r.mooring().isEmpty() ? "—" : Samples.ms(r.mooring().median()))
                    .append(" | ").append(r.bothBuilt() ? Samples.ratio(r.kubectl().median(), r.mooring().median()) : "—")
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
        long kubectl = sum(timed, CaseResult::kubectl);
        long warm = sum(timed, CaseResult::mooring);
        StringBuilder md = new StringBuilder();
        md.append("Over the ").append(timed.size()).append(" cases that both tools built:\n\n");
        md.append("| view | kubectl kustomize ms | Mooring ms | kubectl / Mooring |\n");
        md.append("| --- | ---: | ---: | ---: |\n");
        row(md, "warm: sum of per-case medians; kubectl one process per case, Mooring in one warm JVM", kubectl, warm);
        row(md, "cold: kubectl one process per case, summed; Mooring one fresh JVM building every case once"
                + " (whole process, median of " + cold.whole().count() + ")", kubectl, cold.whole().median());
        row(md, "one render of " + one.caseName() + " (the largest output); whole process each: kubectl kustomize DIR,"
                + " java -jar mooring-cli/target/mooring.jar render DIR (median of " + one.kubectl().count() + ")",
                one.kubectl().median(), one.mooring().median());
        List<Double> ratios = timed.stream()
                .map(r -> (double) r.kubectl().median() / r.mooring().median())
                .sorted()
                .toList();
        md.append("\nPer case, kubectl / Mooring warm: median ").append(Samples.ratio((ratios.get((ratios.size() - 1) / 2) + ratios.get(ratios.size() / 2)) / 2))
                .append(", lowest ").append(Samples.ratio(ratios.getFirst())).append(", highest ").append(Samples.ratio(ratios.getLast())).append(".\n");
        md.append("Inside the cold JVMs, after JVM start-up, building the ").append(cold.cases()).append(" cases took ")
                .append(cold.inside().spread()).append(" ms (median, min–max): the rest of the cold figure, ")
                .append(Samples.ms(cold.whole().median() - cold.inside().median())).append(" ms, is the JVM starting.\n");
        md.append("Single render spread (median, min–max): kubectl ").append(one.kubectl().spread()).append(" ms, Mooring CLI ")
                .append(one.mooring().spread()).append(" ms; outputs ")
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

    private static long sum(List<CaseResult> cases, Function<CaseResult, Samples> samples) {
        return cases.stream().mapToLong(r -> samples.apply(r).median()).sum();
    }

    private static void row(StringBuilder md, String view, long kubectl, long mooring) {
        md.append("| ").append(view).append(" | ").append(Samples.ms(kubectl)).append(" | ").append(Samples.ms(mooring))
                .append(" | ").append(Samples.ratio(kubectl, mooring)).append(" |\n");
    }
}
