package io.mooring.render.kustomize;

import io.mooring.resource.ManifestException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the files of one kustomization root, holding kustomize's default load restrictor: a file
 * a kustomization names must be in or below its root, after symlinks are resolved. Other
 * kustomization directories (bases, components) may live anywhere, but never in a cycle.
 */
public final class FileLoader {
    private final Path root;
    private final List<Path> visited;

    private FileLoader(Path root, List<Path> visited) {
        this.root = root;
        this.visited = visited;
    }

    /** A loader for the kustomization directory {@code dir}. */
    public static FileLoader at(Path dir) {
        Path real = realDirectory(dir, dir.toString());
        return new FileLoader(real, List.of(real));
    }

    public Path root() {
        return root;
    }

    /** The text of a file named relative to the root (or absolute), refused when it lies outside. */
    public String load(String path) {
        return new String(loadBytes(path), StandardCharsets.UTF_8);
    }

    public byte[] loadBytes(String path) {
        Path file = inRoot(path);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ManifestException(root.resolve(path).toString(), 0, "cannot read file: " + e.getMessage(), null);
        }
    }

    /** Whether {@code path} names a directory (resolved against the root, not restricted). */
    public boolean isDirectory(String path) {
        return Files.isDirectory(root.resolve(path));
    }

    /** Whether {@code path} names a regular file. */
    public boolean isFile(String path) {
        return Files.isRegularFile(root.resolve(path));
    }

    /** A loader rooted at another kustomization directory, such as a base or a component. */
    public FileLoader child(String path) {
        Path dir = realDirectory(root.resolve(path), path);
        for (Path seen : visited) {
            if (seen.startsWith(dir)) {
                throw new ManifestException(root.toString(), 0,
                        "cycle detected: candidate root '" + dir + "' contains visited root '" + seen + "'",
                        "a kustomization must not include itself or a directory above it");
            }
        }
        List<Path> next = new ArrayList<>(visited);
        next.add(dir);
        return new FileLoader(dir, List.copyOf(next));
    }

    private Path inRoot(String path) {
        Path file = root.resolve(path).normalize();
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            throw new ManifestException(file.toString(), 0,
                    "evalsymlink failure on '" + file + "' : lstat " + file + ": no such file or directory", "check the path in " + root);
        }
        if (!real.startsWith(root)) {
            throw new ManifestException(file.toString(), 0,
                    "security; file '" + real + "' is not in or below '" + root + "'",
                    "kustomize's load restrictor allows only files under the kustomization's directory; move the file there or make its directory a base");
        }
        if (!Files.isRegularFile(real)) {
            throw new ManifestException(file.toString(), 0, "not a regular file", null);
        }
        return real;
    }

    private static Path realDirectory(Path dir, String named) {
        try {
            Path real = dir.toRealPath();
            if (!Files.isDirectory(real)) {
                throw new ManifestException(named, 0, "'" + dir.toAbsolutePath().normalize() + "' must be a directory to be a root",
                        "name a kustomization directory here, not a file");
            }
            return real;
        } catch (IOException e) {
            throw new ManifestException(dir.toString(), 0, "must build at directory: not a valid directory: " + e.getMessage(), "check the path");
        }
    }
}
