package io.mooring.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kubeconfig that points kubectl and fabric8 at a sandbox: one cluster, one context, a token
 * the sandbox ignores (clients insist on some credential). When no place was given for it, it
 * lives in a temporary directory that {@link #close()} removes.
 */
record Kubeconfig(Path file, boolean temporary) implements AutoCloseable {
    static final String NAME = "mooring-sandbox";

    static Kubeconfig write(String url, SandboxOptions options) {
        try {
            Path file = options.kubeconfig() != null ? options.kubeconfig()
                    : options.state() != null ? options.state().resolve("kubeconfig")
                    : Files.createTempDirectory("mooring-sandbox").resolve("kubeconfig");
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text(url));
            return new Kubeconfig(file, options.kubeconfig() == null && options.state() == null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sandbox's kubeconfig", e);
        }
    }

    static String text(String url) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: %2$s
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    user: %1$s
                    namespace: default
                current-context: %1$s
                users:
                - name: %1$s
                  user:
                    token: %1$s
                """.formatted(NAME, url);
    }

    @Override
    public void close() {
        if (temporary) {
            try {
                Files.deleteIfExists(file);
                Files.deleteIfExists(file.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the sandbox's temporary kubeconfig " + file, e);
            }
        }
    }
}
