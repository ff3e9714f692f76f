package io.mooring.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The options of the sandbox benchmark: {@code --pods N} pods (in the write rounds and in the
 * cluster), {@code --nodes N}, {@code --clients N,N,..} concurrent writers per round,
 * {@code --watchers N,N,..} watchers per fan-out round, {@code --updates N} writes per fan-out
 * round, {@code --results FILE}.
 */
record SandboxBenchOptions(int pods, int nodes, List<Integer> clients, List<Integer> watchers, int updates, Path results,
                           String commandLine) {
    static final String COMMAND = "bench/run sandbox";

    static SandboxBenchOptions parse(String[] args, Path defaultResults) {
        int pods = 10_000;
        int nodes = 100;
        List<Integer> clients = List.of(1, 4, 16);
        List<Integer> watchers = List.of(1, 10, 100);
        int updates = 200;
        Path results = defaultResults;
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[i + 1];
            switch (name) {
                case "--pods" -> pods = positive(name, value);
                case "--nodes" -> nodes = positive(name, value);
                case "--clients" -> clients = positives(name, value);
                case "--watchers" -> watchers = positives(name, value);
                case "--updates" -> updates = positive(name, value);
                case "--results" -> results = Path.of(value).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown option " + name
                        + " (options: --pods N, --nodes N, --clients N,N,.., --watchers N,N,.., --updates N, --results FILE)");
            }
        }
        return new SandboxBenchOptions(pods, nodes, clients, watchers, updates, results,
                COMMAND + (args.length == 0 ? "" : " " + String.join(" ", args)));
    }

    private static List<Integer> positives(String name, String value) {
        return Arrays.stream(value.split(",")).map(v -> positive(name, v.strip())).toList();
    }

    private static int positive(String name, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException(name + " takes whole numbers above 0, not " + value);
    }
}
