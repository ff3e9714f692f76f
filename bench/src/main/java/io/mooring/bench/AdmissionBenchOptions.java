package io.mooring.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The options of the admission benchmark: {@code --rates N,N,..} fixed request rates (a run as fast
 * as possible always follows), {@code --duration S} seconds per run, {@code --warmup S} seconds of
 * load on each server first, {@code --connections N} and {@code --threads N} of wrk,
 * {@code --results FILE}.
 */
record AdmissionBenchOptions(List<Integer> rates, int duration, int warmup, int connections, int threads, Path results, String commandLine) {
    static final String COMMAND = "bench/run admission";

    static AdmissionBenchOptions parse(String[] args, Path defaultResults) {
        List<Integer> rates = List.of(100, 200, 400, 800);
        int duration = 20;
        int warmup = 15;
        int connections = 16;
        int threads = 2;
        Path results = defaultResults;
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[i + 1];
            switch (name) {
                case "--rates" -> rates = Arrays.stream(value.split(",")).map(v -> positive(name, v.strip())).toList();
                case "--duration" -> duration = positive(name, value);
                case "--warmup" -> warmup = positive(name, value);
                case "--connections" -> connections = positive(name, value);
                case "--threads" -> threads = positive(name, value);
                case "--results" -> results = Path.of(value).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown option " + name
                        + " (options: --rates N,N,.., --duration S, --warmup S, --connections N, --threads N, --results FILE)");
            }
        }
        if (connections < threads) {
            throw new IllegalArgumentException("--connections must be at least --threads (wrk gives each thread its own connections)");
        }
        return new AdmissionBenchOptions(rates, duration, warmup, connections, threads, results,
                COMMAND + (args.length == 0 ? "" : " " + String.join(" ", args)));
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
