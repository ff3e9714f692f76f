package io.mooring.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The options of the start-up benchmark: {@code --runs N} timed rounds, {@code --warmup N} untimed
 * rounds first, {@code --baseline DIR} another checkout (a worktree of an earlier commit, its jar
 * built) whose {@code ./mooring} runs beside this one's, {@code --results FILE}.
 *
 * @param baseline null when none was given
 */
record StartupBenchOptions(int runs, int warmup, Path baseline, Path results, String commandLine) {
    static final String COMMAND = "bench/run startup";

    static StartupBenchOptions parse(String[] args, Path defaultResults) {
        int runs = 20;
        int warmup = 2;
        Path baseline = null;
        Path results = defaultResults;
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[i + 1];
            switch (name) {
                case "--runs" -> runs = number(name, value, 1);
                case "--warmup" -> warmup = number(name, value, 0);
                case "--baseline" -> {
                    baseline = Path.of(value).toAbsolutePath();
                    if (!Files.isExecutable(baseline.resolve("mooring"))) {
                        throw new IllegalArgumentException("--baseline takes a Mooring checkout (with its ./mooring), not " + value);
                    }
                }
                case "--results" -> results = Path.of(value).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown option " + name
                        + " (options: --runs N, --warmup N, --baseline DIR, --results FILE)");
            }
        }
        return new StartupBenchOptions(runs, warmup, baseline, results, COMMAND + (args.length == 0 ? "" : " " + String.join(" ", args)));
    }

    private static int number(String name, String value, int least) {
        try {
            int n = Integer.parseInt(value);
            if (n >= least) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException(name + " takes a whole number of at least " + least + ", not " + value);
    }
}
