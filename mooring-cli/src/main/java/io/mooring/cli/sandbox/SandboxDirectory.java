package io.mooring.cli.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a sandbox started by the CLI keeps its files: the record of the running process
 * ({@code sandbox.json}), its kubeconfig, its log and, when its objects are kept, their save
 * ({@code objects.json}).
 *
 * @param path       the directory
 * @param persistent whether the cluster's objects are saved here and loaded at the next start
 */
public record SandboxDirectory(Path path, boolean persistent) {
    /** The environment variable that names the directory when {@code --state} is not given. */
    public static final String ENVIRONMENT = "MOORING_SANDBOX_DIR";

    /**
     * {@code --state DIR} when given (objects kept), else (objects in memory only) the directory
     * that {@value #ENVIRONMENT} names, or {@code .mooring/sandbox} in the Git checkout around the
     * current directory, or {@code ~/.mooring/sandbox} outside one.
     */
    public static SandboxDirectory of(Path state) {
        if (state != null) {
            return new SandboxDirectory(state.toAbsolutePath().normalize(), true);
        }
        String named = System.getenv(ENVIRONMENT);
        Path path = named != null && !named.isBlank() ? Path.of(named).toAbsolutePath().normalize()
                : defaultPath(Path.of("").toAbsolutePath(), Path.of(System.getProperty("user.home")));
        return new SandboxDirectory(path, false);
    }

    /** The same directory, with the objects kept in it ({@code mooring up} keeps them by default). */
    public SandboxDirectory kept() {
        return new SandboxDirectory(path, true);
    }

    static Path defaultPath(Path workingDirectory, Path home) {
        for (Path dir = workingDirectory; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return dir.resolve(".mooring").resolve("sandbox");
            }
        }
        return home.resolve(".mooring").resolve("sandbox");
    }

    public Path record() {
        return path.resolve("sandbox.json");
    }

    public Path kubeconfig() {
        return path.resolve("kubeconfig");
    }

    public Path log() {
        return path.resolve("sandbox.log");
    }
}
