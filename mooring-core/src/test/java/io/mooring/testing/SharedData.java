package io.mooring.testing;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The workplace's shared upstream test data ({@code ../shared} beside the repository), which a
 * user's clone does not have: tests that need it are skipped with a message saying so.
 */
public final class SharedData {
    private SharedData() {
    }

    /** The path under {@code ../shared}, or a skipped test when the folder is absent. */
    public static Path require(String relative) {
        Path root = repositoryRoot();
        Path shared = root == null ? null : root.resolveSibling("shared").resolve(relative);
        Assumptions.assumeTrue(shared != null && Files.exists(shared),
                "skipped: ../shared/" + relative + " is not present (it exists only in the Mooring workplace, not in a clone)");
        return shared;
    }

    /** The directory holding {@code mvnw}, found by walking up from the working directory. */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        return dir;
    }
}
