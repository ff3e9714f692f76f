package io.mooring.cli;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Git repository {@code mooring up} serves a platform directory from. A directory that is the
 * top of a Git work tree is used as it is: its commits are what syncs (uncommitted edits are not,
 * as with any GitOps tool). Any other directory, such as {@code examples/platform} inside
 * Mooring's own checkout, is copied into a repository of its own beside the sandbox's files and
 * committed there whenever its content changed, so that editing it and running {@code up} again
 * is a new commit the controller syncs.
 *
 * @param url      what Applications' {@code repoURL} becomes
 * @param revision the branch to sync
 * @param snapshot whether the directory was copied (true) or is served as it is (false)
 * @param head     the commit the branch points at now
 */
record PlatformRepo(String url, String revision, boolean snapshot, String head) {
    static PlatformRepo serve(Path platform, Path snapshots) {
        Path dir = platform.toAbsolutePath().normalize();
        if (Files.isDirectory(dir.resolve(".git"))) {
            try (Repository repository = new FileRepositoryBuilder().setWorkTree(dir.toFile()).setGitDir(dir.resolve(".git").toFile()).build()) {
                String branch = repository.getBranch();
                var head = repository.resolve("HEAD");
                if (head == null) {
                    throw new IllegalArgumentException(dir + " is a Git repository without commits: commit the platform first");
                }
                return new PlatformRepo(dir.toUri().toString(), branch, false, head.getName());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the Git repository at " + dir, e);
            }
        }
        Path copy = snapshots.toAbsolutePath().normalize();
        try (Git git = Files.isDirectory(copy.resolve(".git")) ? Git.open(copy.toFile())
                : Git.init().setDirectory(copy.toFile()).setInitialBranch("main").call()) {
            mirror(dir, copy);
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            Status status = git.status().call();
            boolean first = git.getRepository().resolve("HEAD") == null;
            if (first || !status.isClean()) {
                git.commit().setMessage(first ? "The platform as mooring up found it in " + dir : "Changes to " + dir + " since the last mooring up")
                        .setAuthor("mooring up", "up@mooring.local").setCommitter("mooring up", "up@mooring.local").call();
            }
            return new PlatformRepo(copy.toUri().toString(), "main", true, git.getRepository().resolve("HEAD").getName());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the platform's repository in " + copy, e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot commit the platform into " + copy + ": " + e.getMessage(), e);
        }
    }

    /** Makes {@code copy} hold exactly the files of {@code source} (its .git left alone). */
    private static void mirror(Path source, Path copy) throws IOException {
        Set<Path> wanted = new HashSet<>();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path relative = source.relativize(file);
                wanted.add(relative);
                Path target = copy.resolve(relative);
                Files.createDirectories(target.getParent());
                if (!Files.exists(target) || Files.mismatch(file, target) != -1) {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        try (Stream<Path> files = Files.walk(copy)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Path relative = copy.relativize(file);
                if (relative.toString().isEmpty() || relative.startsWith(".git")) {
                    continue;
                }
                if (Files.isRegularFile(file) && !wanted.contains(relative)) {
                    Files.delete(file);
                } else if (Files.isDirectory(file)) {
                    try (Stream<Path> inside = Files.list(file)) {
                        if (inside.findAny().isEmpty()) {
                            Files.delete(file);
                        }
                    }
                }
            }
        }
    }
}
