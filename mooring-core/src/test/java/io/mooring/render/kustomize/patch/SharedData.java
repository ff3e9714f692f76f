package io.mooring.render.kustomize.patch;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the upstream test data in {@code ../shared} beside the repository, or skips the test. */
final class SharedData {
    private SharedData() {
    }

    /** {@code ../shared/<relative>} from the repository root (the folder with {@code mvnw}). */
    static Path require(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        Path found = dir == null ? null : dir.resolveSibling("shared").resolve(relative);
        Assumptions.assumeTrue(found != null && Files.exists(found),
                "upstream test data not found at ../shared/" + relative + " beside the repository; skipping");
        return found;
    }
}
