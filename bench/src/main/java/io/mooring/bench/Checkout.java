package io.mooring.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Mooring checkout a benchmark runs in: its root (the folder with {@code mvnw}), the
 * workplace's shared test data beside it, and the CLI's jar that {@code bench/run} builds.
 */
record Checkout(Path root) {
    /** Walks up from the working directory to the folder that holds {@code mvnw}. */
    static Checkout find() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("run the benchmarks from inside a Mooring checkout (no mvnw found above "
                    + Path.of("").toAbsolutePath() + "); bench/run does that");
        }
        return new Checkout(dir);
    }

    /** A path under {@code ../shared}, which only the Mooring workplace has; it may not exist. */
    Path shared(String relative) {
        return root.resolveSibling("shared").resolve(relative);
    }

    /** The runnable jar of {@code mooring}, as users run it. */
    Path cliJar() {
        Path jar = root.resolve("mooring-cli/target/mooring.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the benchmark with bench/run, which builds it");
        }
        return jar;
    }

    /** The java launcher of the JVM running the benchmark, so that child JVMs are the same JDK. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
