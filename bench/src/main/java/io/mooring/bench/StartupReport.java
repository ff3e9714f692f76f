package io.mooring.bench;

import io.mooring.bench.StartupBench.Kind;
import io.mooring.bench.StartupBench.Scenario;
import io.mooring.bench.StartupBench.Variant;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The start-up benchmark's results file. */
final class StartupReport {
    private StartupReport() {
    }

    static String write(StartupBenchOptions options, List<String> machine, boolean sameAsKubectl, List<Scenario> scenarios,
                        Map<Variant, Timings> timings) {
        StringBuilder md = new StringBuilder();
        md.append("# CLI start-up: short commands as whole processes, ").append(LocalDate.now(ZoneOffset.UTC)).append("\n\n");
        md.append("Command: `").append(options.commandLine()).append("`. ").append(options.runs())
                .append(" timed rounds after ").append(options.warmup()).append(" untimed ones; in each round every command")
                .append(" below runs once, in the order listed. Kustomize input: `").append(StartupBench.KUSTOMIZE)
                .append("`; `./mooring render` printed ").append(sameAsKubectl ? "the same" : "NOT the same")
                .append(" YAML as `kubectl kustomize`.");
        if (options.baseline() != null) {
            md.append(" Baseline: the checkout `").append(options.baseline()).append("`.");
        }
        md.append("\n\nMachine:\n\n");
        machine.forEach(line -> md.append("- ").append(line).append('\n'));
        md.append("\nMedians, in milliseconds: wall-clock time and CPU time (user and system, all threads and child")
                .append(" processes, counted in 10 ms ticks), with min–max. A ratio is the other command's median divided by")
                .append(" `./mooring`'s: above 1 means `./mooring` took less.\n");
        for (Scenario scenario : scenarios) {
            section(md, scenario, timings);
        }
        return md.toString();
    }

    private static void section(StringBuilder md, Scenario scenario, Map<Variant, Timings> timings) {
        Variant launcher = scenario.variants().getFirst();
        Timings ours = timings.get(launcher);
        md.append("\n## ").append(scenario.name()).append(": `").append(String.join(" ", shortened(launcher.command())))
                .append("`\n\n");
        md.append("| command | wall ms | CPU ms | wall ratio | CPU ratio |\n");
        md.append("| --- | ---: | ---: | ---: | ---: |\n");
        for (Variant variant : scenario.variants()) {
            Timings t = timings.get(variant);
            boolean self = variant == launcher;
            md.append("| ").append(variant.kind().label).append(" | ").append(t.wall().spread()).append(" | ")
                    .append(t.cpu().spread()).append(" | ")
                    .append(self ? "" : Samples.ratio(t.wall().median(), ours.wall().median())).append(" | ")
                    .append(self ? "" : Samples.ratio(t.cpu().median(), Math.max(1, ours.cpu().median()))).append(" |\n");
        }
        find(scenario, timings, Kind.JVM_ALONE).ifPresent(jvm -> md.append("\nThe launcher script's own cost (`./mooring` less")
                .append(" the JVM it starts, median of the differences round by round): ")
                .append(Samples.ms(Samples.medianDifference(ours.wall(), jvm.wall()))).append(" ms wall, ")
                .append(Samples.ms(Samples.medianDifference(ours.cpu(), jvm.cpu()))).append(" ms CPU.\n"));
    }

    private static Optional<Timings> find(Scenario scenario, Map<Variant, Timings> timings, Kind kind) {
        return scenario.variants().stream().filter(v -> v.kind() == kind).findFirst().map(timings::get);
    }

    /** The command with the checkout's absolute paths left out, for a heading. */
    private static List<String> shortened(List<String> command) {
        return command.stream().map(word -> word.contains("/examples/") ? word.substring(word.indexOf("examples/")) : word)
                .map(word -> word.endsWith("/mooring") ? "./mooring" : word).toList();
    }
}
