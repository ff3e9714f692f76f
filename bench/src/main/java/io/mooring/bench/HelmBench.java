package io.mooring.bench;

import io.mooring.render.HelmRenderer;
import io.mooring.render.RenderRequest;
import io.mooring.render.Renderers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code mooring render} of the example umbrella chart with its production values (bench/README.md):
 * <ol>
 *   <li>cold: {@code java -jar mooring.jar render CHART --values values-prod.yaml}, a fresh JVM per
 *       run, timed as a whole process;</li>
 *   <li>first call: the first render in this JVM, from inside (Helm's native library loaded,
 *       classes loaded, nothing compiled yet), JVM start-up excluded;</li>
 *   <li>warm: renders in this JVM after warm-up renders.</li>
 * </ol>
 * There is no peer: no {@code helm} binary is installable on the machines this project runs on, and
 * Mooring's renderer already is Helm's own Go code (helm-java), so nothing else would be compared.
 */
public final class HelmBench {
    private static final String CHART = "examples/platform/apps/todo-stack";
    private static final String VALUES = CHART + "/values-prod.yaml";

    private HelmBench() {
    }

    public static void main(String[] args) throws Exception {
        Checkout checkout = Checkout.find();
        Options options;
        try {
            options = Options.parse(args, new Options(20, 10, 5, Pattern.compile(".*"),
                    Options.defaultResults(checkout, "helm"), "bench/run helm"), false);
        } catch (IllegalArgumentException e) {
            System.err.println("bench/run helm: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path chart = checkout.root().resolve(CHART);
        Path values = checkout.root().resolve(VALUES);
        List<String> machine = Machine.describe(List.of());

        progress("cold: " + options.cold() + " runs of mooring render, a fresh JVM each");
        List<String> cli = List.of(Checkout.java(), "--enable-native-access=ALL-UNNAMED", "-jar", checkout.cliJar().toString(),
                "render", chart.toString(), "--values", values.toString());
        Timings cold = new Timings();
        String cliOutput = null;
        for (int run = 0; run < options.cold(); run++) {
            ProcessRun render = ProcessRun.of(cli);
            if (!render.ok()) {
                throw new IllegalStateException("mooring render " + CHART + " failed: " + render.failure());
            }
            cold.add(render);
            cliOutput = render.stdout();
        }

        progress("in this JVM: the first render, " + options.warmup() + " warm-up renders, " + options.runs() + " timed renders");
        HelmRenderer renderer = new HelmRenderer();
        RenderRequest request = new RenderRequest(chart, List.of(values), List.of(), null, null);
        Timings first = new Timings();
        long cpu = CpuClock.self();
        long start = System.nanoTime();
        String output = Renderers.toYaml(renderer.render(request));
        first.add(System.nanoTime() - start, CpuClock.self() - cpu);
        int objects = renderer.render(request).size();
        for (int round = 0; round < options.warmup(); round++) {
            Renderers.toYaml(renderer.render(request));
        }
        // Helm runs on Go's own threads too, so the CPU time is the whole JVM's, which Linux counts in
        // 10 ms ticks: it is taken over all timed renders and divided, rather than per render.
        Samples warm = new Samples();
        long warmCpu = CpuClock.self();
        for (int run = 0; run < options.runs(); run++) {
            start = System.nanoTime();
            Renderers.toYaml(renderer.render(request));
            warm.add(System.nanoTime() - start);
        }
        warmCpu = (CpuClock.self() - warmCpu) / options.runs();

        machine.add(Machine.loadAverage("at the end"));
        String report = report(options, machine, objects, output.equals(cliOutput), cold, first, warm, warmCpu);
        Files.createDirectories(options.results().getParent());
        Files.writeString(options.results(), report);
        System.out.println(report);
    }

    private static String report(Options options, List<String> machine, int objects, boolean sameAsCli,
                                 Timings cold, Timings first, Samples warm, long warmCpu) {
        StringBuilder md = new StringBuilder();
        md.append("# Helm rendering: mooring render of the umbrella chart, ").append(LocalDate.now(ZoneOffset.UTC)).append("\n\n");
        md.append("Command: `").append(options.commandLine()).append("`. Chart: `").append(CHART).append("` with `--values ")
                .append(VALUES).append("`: ").append(objects).append(" objects; the CLI's output and the in-JVM output are ")
                .append(sameAsCli ? "equal" : "NOT equal").append(".\n");
        md.append("Peer: none. No helm binary is installable here; Mooring renders with Helm's own code (helm-java).\n\n");
        md.append("Machine:\n\n");
        machine.forEach(line -> md.append("- ").append(line).append('\n'));
        md.append("\nWall-clock times, and CPU times (user and system, all threads; counted in 10 ms ticks).\n\n");
        md.append("| measurement | median ms | min ms | max ms | CPU ms | runs |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
        row(md, "cold: `java -jar mooring-cli/target/mooring.jar render CHART --values FILE`, whole process, fresh JVM each;"
                + " CPU the median", cold.wall(), cold.cpu().median());
        row(md, "first render in the benchmark's fresh JVM, from inside (JVM start-up excluded)", first.wall(), first.cpu().median());
        row(md, "warm: one render in the same JVM after " + options.warmup() + " warm-up renders; CPU the mean", warm, warmCpu);
        return md.toString();
    }

    private static void row(StringBuilder md, String measurement, Samples wall, long cpu) {
        md.append("| ").append(measurement).append(" | ").append(Samples.ms(wall.median())).append(" | ")
                .append(Samples.ms(wall.min())).append(" | ").append(Samples.ms(wall.max())).append(" | ")
                .append(Samples.ms(cpu)).append(" | ").append(wall.count()).append(" |\n");
    }

    private static void progress(String message) {
        System.err.println(message);
    }
}
