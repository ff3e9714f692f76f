package io.mooring.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The options of a benchmark: {@code --runs N} timed runs per measurement, {@code --warmup N}
 * untimed rounds first, {@code --cold N} fresh processes, {@code --case REGEX} (Kustomize only)
 * and {@code --results FILE}.
 */
record Options(int runs, int warmup, int cold, Pattern cases, Path results, String commandLine) {
    /**
     * @param defaults the values used for options that are not given; its commandLine is the command's name
     */
    static Options parse(String[] args, Options defaults, boolean allowCasePattern) {
        int runs = defaults.runs;
        int warmup = defaults.warmup;
        int cold = defaults.cold;
        Pattern cases = defaults.cases;
        Path results = defaults.results;
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[i + 1];
            switch (name) {
                case "--runs" -> runs = positive(name, value);
                case "--warmup" -> warmup = atLeastZero(name, value);
                case "--cold" -> cold = positive(name, value);
                case "--case" -> {
                    if (!allowCasePattern) {
                        throw new IllegalArgumentException("--case applies to the Kustomize benchmark only");
                    }
                    cases = Pattern.compile(value);
                }
                case "--results" -> results = Path.of(value).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown option " + name
                        + " (options: --runs N, --warmup N, --cold N, " + (allowCasePattern ? "--case REGEX, " : "") + "--results FILE)");
            }
        }
        String command = defaults.commandLine + (args.length == 0 ? "" : " " + String.join(" ", List.of(args)));
        return new Options(runs, warmup, cold, cases, results, command);
    }

    /** {@code bench/results/<today, UTC>-<name>.md} under the checkout. */
    static Path defaultResults(Checkout checkout, String name) {
        return checkout.root().resolve("bench/results").resolve(LocalDate.now(ZoneOffset.UTC) + "-" + name + ".md");
    }

    private static int positive(String name, String value) {
        int n = atLeastZero(name, value);
        if (n == 0) {
            throw new IllegalArgumentException(name + " must be at least 1");
        }
        return n;
    }

    private static int atLeastZero(String name, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException(name + " takes a whole number, not " + value);
    }
}
