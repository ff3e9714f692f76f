package io.mooring.testing;

import org.eclipse.jgit.api.Git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A real Git repository on disk that a test writes and commits to, as a user would. */
public final class GitRepo implements AutoCloseable {
    private final Path dir;
    private final Git git;

    public GitRepo(Path dir) {
        this.dir = dir;
        try {
            this.git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return dir.toUri().toString();
    }

    public GitRepo write(String path, String content) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public GitRepo delete(String path) {
        try (Stream<Path> files = Files.walk(dir.resolve(path))) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Commits everything and returns the commit's id. */
    public String commit(String message) {
        try {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            return git.commit().setMessage(message).setAuthor("Ada", "ada@example.org").setCommitter("Ada", "ada@example.org")
                    .setAllowEmpty(true).call().getName();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
