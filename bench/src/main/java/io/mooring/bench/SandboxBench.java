package io.mooring.bench;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The sandbox under load, side by side with fabric8's mock server in CRUD mode (bench/README.md):
 * <ol>
 *   <li>writes: N clients create pods over HTTP; objects per second, CPU per object, heap kept;</li>
 *   <li>watch fan-out: K watchers of one object; latency from a write to its delivery on each;</li>
 *   <li>a cluster: nodes and a Deployment mix totalling the pods asked for; the time until every
 *       pod is Ready (sandbox only: the mock server has no controllers) and the heap it takes.</li>
 * </ol>
 * Both servers run in this JVM, each round on a fresh one, the two in turn.
 */
public final class SandboxBench {
    private SandboxBench() {
    }

    public static void main(String[] args) throws Exception {
        Checkout checkout = Checkout.find();
        SandboxBenchOptions options;
        try {
            options = SandboxBenchOptions.parse(args, Options.defaultResults(checkout, "sandbox"));
        } catch (IllegalArgumentException e) {
            System.err.println(SandboxBenchOptions.COMMAND + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        List<String> machine = Machine.describe(List.of());
        List<Supplier<BenchServer>> servers = List.of(() -> BenchServer.sandbox(0), BenchServer::mock);

        progress("warm-up: " + Math.min(2_000, options.pods()) + " pods into each server, and 50 updates to 10 watchers");
        for (Supplier<BenchServer> start : servers) {
            try (BenchServer server = start.get()) {
                WriteThroughput.run(server, "warm-up", 4, Math.min(2_000, options.pods()));
                WatchFanOut.run(server, "warm-up-watch", 10, 50);
            }
        }

        List<WriteThroughput.Result> writes = new ArrayList<>();
        for (int clients : options.clients()) {
            for (Supplier<BenchServer> start : servers) {
                try (BenchServer server = start.get()) {
                    progress("writes: " + options.pods() + " pods by " + clients + " clients into the " + server.name());
                    writes.add(WriteThroughput.run(server, "writes", clients, options.pods()));
                }
            }
        }

        List<WatchFanOut.Result> watches = new ArrayList<>();
        for (int watchers : options.watchers()) {
            for (Supplier<BenchServer> start : servers) {
                try (BenchServer server = start.get()) {
                    progress("watch fan-out: " + options.updates() + " updates to " + watchers + " watchers of the " + server.name());
                    watches.add(WatchFanOut.run(server, "watch", watchers, options.updates()));
                }
            }
        }

        // The mock server first: a closed sandbox's controllers may still be winding down, and
        // their garbage would count against the server measured next.
        List<ClusterScenario.Result> clusters = new ArrayList<>();
        long heapEmpty = Heap.usedAfterGc();
        try (BenchServer mock = BenchServer.mock()) {
            progress("cluster: " + options.nodes() + " nodes and Deployments of " + options.pods() + " pods written into the mock server");
            clusters.add(ClusterScenario.run(mock, options.nodes(), options.pods(), heapEmpty, false));
        }
        heapEmpty = Heap.usedAfterGc();
        try (BenchServer sandbox = BenchServer.sandbox(options.nodes())) {
            progress("cluster: the same in the sandbox, until all pods are Ready");
            clusters.add(ClusterScenario.run(sandbox, options.nodes(), options.pods(), heapEmpty, true));
        }

        machine.add(Machine.loadAverage("at the end"));
        String report = SandboxReport.markdown(options, machine, writes, watches, clusters);
        Files.createDirectories(options.results().getParent());
        Files.writeString(options.results(), report);
        System.out.println(report);
        // Jetty's and Vert.x's threads would keep the JVM alive.
        System.exit(0);
    }

    private static void progress(String message) {
        System.err.println(message);
    }
}
