package io.mooring.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The cold measurement's child: a fresh JVM that builds the named cases once each, as a user's
 * single {@code mooring render} call pays for a fresh JVM. The parent times this whole process;
 * the line printed here adds the time spent inside it, after JVM start-up and class path set-up.
 *
 * <p>Arguments: the cases directory, then the names of the cases to build.
 */
public final class KustomizeColdPass {
    static final String PREFIX = "cold-pass nanos=";

    private KustomizeColdPass() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        Set<String> names = Set.copyOf(List.of(args).subList(1, args.length));
        int failed = 0;
        for (KustomizeCase kase : KustomizeCase.list(Path.of(args[0]), names::contains)) {
            try {
                kase.renderWithMooring();
            } catch (RuntimeException e) {
                failed++;
            }
        }
        long nanos = System.nanoTime() - start;
        System.out.println(PREFIX + nanos + " failed=" + failed);
    }

    /** The in-process time that {@link #main} printed. */
    static long insideNanos(ProcessRun run) {
        for (String line : run.stdout().split("\n")) {
            if (line.startsWith(PREFIX)) {
                return Long.parseLong(line.substring(PREFIX.length()).split(" ")[0]);
            }
        }
        throw new IllegalStateException("the cold pass printed no timing: " + run.failure());
    }
}
