package io.mooring.admission;

import io.mooring.policy.PolicyLoader;
import io.mooring.policy.PolicySet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** AdmissionReview requests as the API server sends them (test resources), and the sample platform's policies. */
final class Reviews {
    private Reviews() {
    }

    static byte[] body(String name) {
        try (InputStream in = Reviews.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** examples/platform/policies of this checkout. */
    static PolicySet examplePolicies() {
        return PolicyLoader.load(examples().resolve("policies"));
    }

    static Path examples() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir.resolve("examples/platform");
            }
        }
        throw new IllegalStateException("no checkout above " + Path.of("").toAbsolutePath());
    }
}
