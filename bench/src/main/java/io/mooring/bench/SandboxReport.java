package io.mooring.bench;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** The sandbox benchmark's results as Markdown, the sandbox and the mock server side by side. */
final class SandboxReport {
    private SandboxReport() {
    }

    static String markdown(SandboxBenchOptions options, List<String> machine, List<WriteThroughput.Result> writes,
                           List<WatchFanOut.Result> watches, List<ClusterScenario.Result> clusters) {
        StringBuilder md = new StringBuilder();
        md.append("# Sandbox: the sandbox and fabric8's mock server under the same load, ").append(LocalDate.now(ZoneOffset.UTC)).append("\n\n");
        md.append("Command: `").append(options.commandLine()).append("`. Both servers run in the benchmark's JVM; clients are fabric8 7.7.0 "
                + "(JDK HTTP client) over HTTP on 127.0.0.1. Each round starts a fresh server.\n\n");
        md.append("Machine:\n\n");
        machine.forEach(line -> md.append("- ").append(line).append('\n'));

        md.append("\n## Writes: pods created by N concurrent clients\n\n");
        md.append("Each client has its own fabric8 client and thread; ").append(options.pods())
                .append(" pods per round. CPU is the whole JVM's (server and clients) per 1,000 pods; heap is what the server "
                        + "keeps after the round, after GC. Ratio: the mock server's rate over the sandbox's.\n\n");
        md.append("| clients | sandbox pods/s | mock pods/s | ratio | sandbox CPU ms/1000 | mock CPU ms/1000 | sandbox heap | mock heap |\n");
        md.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (int clients : options.clients()) {
            WriteThroughput.Result sandbox = pick(writes, "sandbox", r -> r.clients() == clients);
            WriteThroughput.Result mock = pick(writes, "mock server", r -> r.clients() == clients);
            md.append("| ").append(clients).append(" | ").append(round(sandbox.perSecond())).append(" | ").append(round(mock.perSecond()))
                    .append(" | ").append(Samples.ratio(mock.perSecond() / sandbox.perSecond()))
                    .append(" | ").append(round(sandbox.cpuMillisPerThousand())).append(" | ").append(round(mock.cpuMillisPerThousand()))
                    .append(" | ").append(Heap.mib(sandbox.heapRetained())).append(" | ").append(Heap.mib(mock.heapRetained())).append(" |\n");
        }

        md.append("\n## Watch fan-out: one write delivered to K watchers\n\n");
        md.append(options.updates()).append(" updates of one ConfigMap, 10 ms apart; every watcher's delivery of every update is timed from "
                + "just before the update was sent (so the figure holds the write's round trip). Milliseconds.\n\n");
        md.append("Watches stream over: sandbox ").append(pick(watches, "sandbox", r -> true).protocol()).append(", mock server ")
                .append(pick(watches, "mock server", r -> true).protocol()).append(" (fabric8 prefers WebSocket and uses chunked HTTP where the "
                        + "server does not take WebSocket watches).\n\n");
        md.append("| watchers | sandbox p50 | p99 | max | delivered | mock p50 | p99 | max | delivered |\n");
        md.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (int watchers : options.watchers()) {
            md.append("| ").append(watchers);
            for (String server : List.of("sandbox", "mock server")) {
                WatchFanOut.Result result = pick(watches, server, r -> r.watchers() == watchers);
                Samples samples = result.samples();
                if (samples.isEmpty()) {
                    md.append(" | - | - | - | 0 of ").append(result.expected());
                } else {
                    md.append(" | ").append(Samples.ms(samples.median())).append(" | ").append(Samples.ms(samples.percentile(99)))
                            .append(" | ").append(Samples.ms(samples.max())).append(" | ").append(samples.count()).append(" of ").append(result.expected());
                }
            }
            md.append(" |\n");
        }

        md.append("\n## A cluster: nodes and a Deployment mix\n\n");
        ClusterScenario.Result sandbox = pick(clusters, "sandbox", r -> true);
        ClusterScenario.Result mock = pick(clusters, "mock server", r -> true);
        md.append(sandbox.nodes()).append(" nodes and ").append(sandbox.deployments()).append(" Deployments with ").append(sandbox.replicas())
                .append(" replicas in all (").append(mixText(options.pods())).append("), written by 4 clients.\n\n");
        md.append("| | sandbox | mock server |\n| --- | ---: | ---: |\n");
        md.append("| nodes the server made itself | ").append(sandbox.nodesBySandbox()).append(" | - |\n");
        md.append("| writing the nodes and Deployments | ").append(seconds(sandbox.writeNanos())).append(" | ").append(seconds(mock.writeNanos())).append(" |\n");
        md.append("| first Deployment write to every pod Ready | ")
                .append(sandbox.readyNanos() < 0 ? "not reached" : seconds(sandbox.readyNanos())).append(" | no controllers |\n");
        md.append("| pods at the end (Ready) | ").append(sandbox.pods()).append(" (").append(sandbox.readyPods()).append(") | ")
                .append(mock.pods()).append(" |\n");
        md.append("| heap the server keeps, after GC | ").append(Heap.mib(sandbox.heapRetained())).append(" | ")
                .append(Heap.mib(mock.heapRetained())).append(" |\n");
        if (!sandbox.note().isEmpty()) {
            md.append("\nSandbox: ").append(sandbox.note()).append(".\n");
        }
        return md.toString();
    }

    private static String mixText(int pods) {
        return String.join(", ", BenchObjects.deploymentMix(pods).stream().map(m -> m.deployments() + " × " + m.replicas()).toList());
    }

    /** A result of one server. */
    interface PerServer {
        String server();
    }

    private static <T extends PerServer> T pick(List<T> results, String server, Predicate<T> match) {
        return results.stream().filter(r -> r.server().equals(server)).filter(match).findFirst().orElseThrow();
    }

    private static String round(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
