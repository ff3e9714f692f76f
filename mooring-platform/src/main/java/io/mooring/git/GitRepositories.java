package io.mooring.git;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Git sources with JGit: one bare mirror per repository URL in a cache directory, fetched on
 * demand (only missing objects travel), and checked-out trees per commit, shared by every
 * application that renders from that commit and never written twice.
 */
public final class GitRepositories {
    /** The path that stands for every file of a commit. */
    public static final String ALL = ".";
    private static final String DEFAULT_BRANCH = "refs/mooring/default-branch";
    private static final Pattern FULL_SHA = Pattern.compile("[0-9a-f]{40}");

    private final Path cache;
    private final io.mooring.metrics.PlatformMetrics metrics;
    private final Map<String, GitCredentials> credentials = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    /** Per commit, the paths already written to its tree (lost at a restart: then written again, harmlessly). */
    private final Map<String, Set<String>> materialized = new ConcurrentHashMap<>();

    public GitRepositories(Path cache) {
        this(cache, io.mooring.metrics.PlatformMetrics.NONE);
    }

    /** @param metrics told how long each fetch took */
    public GitRepositories(Path cache, io.mooring.metrics.PlatformMetrics metrics) {
        this.cache = cache;
        this.metrics = metrics;
    }

    /** Uses these credentials for URLs starting with {@code prefix} (the longest matching prefix wins). */
    public void credentials(String prefix, GitCredentials credentials) {
        this.credentials.put(prefix, credentials);
    }

    /** Forgets the credentials of {@code prefix} (their Secret was deleted). */
    public void forgetCredentials(String prefix) {
        this.credentials.remove(prefix);
    }

    /**
     * Fetches the repository and resolves {@code revision} (a branch, a tag, a commit, or empty for
     * the default branch) to a commit.
     *
     * @throws GitException when the repository cannot be reached or the revision does not exist
     */
    public Commit resolve(String url, String revision) {
        synchronized (lock(url)) {
            try (Repository repository = mirror(url)) {
                fetch(url, repository);
                ObjectId id = find(repository, revision);
                if (id == null) {
                    throw new GitException("revision '" + (revision.isEmpty() ? "HEAD" : revision) + "' not found in " + url,
                            "check the branch, tag or commit; a deleted or renamed branch leaves the last synced revision applied", null);
                }
                return commit(repository, id);
            } catch (IOException e) {
                throw new GitException("cannot read the repository cache for " + url + ": " + e.getMessage(),
                        "the cache at " + cache + " may be damaged; delete it to start over", e);
            }
        }
    }

    /** Every file of the commit, in a directory of their own (read-only use; shared between callers). */
    public Path checkout(String url, String sha) {
        return checkout(url, sha, Set.of(ALL));
    }

    /**
     * The files of the commit below {@code paths} (relative directories or files; {@code "."} for
     * all), in a directory shared by every caller of that commit. Only what is asked for is written,
     * once: a monorepo of a thousand applications is not written out for each commit that touches
     * one of them. Files are written whole and never changed after, so readers may use the
     * directory while another caller adds paths to it.
     */
    public Path checkout(String url, String sha, Set<String> paths) {
        Path tree = cache.resolve("trees").resolve(sha);
        Set<String> done = materialized.computeIfAbsent(sha, k -> ConcurrentHashMap.newKeySet());
        if (covered(done, paths)) {
            return tree;
        }
        synchronized (lock(url)) {
            try (Repository repository = mirror(url); RevWalk walk = new RevWalk(repository)) {
                RevCommit commit = walk.parseCommit(ObjectId.fromString(sha));
                Files.createDirectories(tree);
                for (String path : paths) {
                    if (!covered(done, Set.of(path))) {
                        write(repository, commit, tree, path);
                        done.add(path);
                    }
                }
                return tree;
            } catch (MissingObjectException e) {
                throw new GitException("commit " + sha + " is not in " + url, "it may have been removed by a force push", e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot check out " + sha + " of " + url, e);
            }
        }
    }

    private static boolean covered(Set<String> done, Set<String> paths) {
        if (done.contains(ALL)) {
            return true;
        }
        for (String path : paths) {
            boolean found = false;
            for (String prefix : done) {
                if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /** The paths that differ between two commits (both must have been fetched). */
    public Set<String> changedPaths(String url, String fromSha, String toSha) {
        synchronized (lock(url)) {
            try (Repository repository = mirror(url); Git git = new Git(repository); ObjectReader reader = repository.newObjectReader();
                 RevWalk walk = new RevWalk(repository)) {
                CanonicalTreeParser from = new CanonicalTreeParser(null, reader, walk.parseCommit(ObjectId.fromString(fromSha)).getTree());
                CanonicalTreeParser to = new CanonicalTreeParser(null, reader, walk.parseCommit(ObjectId.fromString(toSha)).getTree());
                Set<String> paths = new LinkedHashSet<>();
                for (DiffEntry entry : git.diff().setOldTree(from).setNewTree(to).call()) {
                    if (!entry.getOldPath().equals(DiffEntry.DEV_NULL)) {
                        paths.add(entry.getOldPath());
                    }
                    if (!entry.getNewPath().equals(DiffEntry.DEV_NULL)) {
                        paths.add(entry.getNewPath());
                    }
                }
                return paths;
            } catch (IOException | GitAPIException e) {
                throw new GitException("cannot compare " + fromSha + " and " + toSha + " in " + url + ": " + e.getMessage(), null, e);
            }
        }
    }

    private Repository mirror(String url) throws IOException {
        Path dir = cache.resolve("repos").resolve(digest(url) + ".git");
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir.getParent());
            Files.createDirectories(cache.resolve("trees"));
            try (Git git = Git.init().setBare(true).setDirectory(dir.toFile()).call()) {
                git.getRepository().getConfig().setString("remote", "origin", "url", url);
                git.getRepository().getConfig().save();
            } catch (GitAPIException e) {
                throw new IOException(e);
            }
        }
        return Git.open(dir.toFile()).getRepository();
    }

    private void fetch(String url, Repository repository) {
        long started = System.nanoTime();
        String result = "failure";
        try {
            fetchOnce(url, repository);
            result = "success";
        } finally {
            metrics.gitFetched(result, java.time.Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private void fetchOnce(String url, Repository repository) {
        try (Git git = new Git(repository)) {
            FetchResult result = git.fetch().setRemote(url)
                    .setRefSpecs(new RefSpec("+refs/heads/*:refs/remotes/origin/*"), new RefSpec("+refs/tags/*:refs/tags/*"))
                    .setRemoveDeletedRefs(true)
                    .setCredentialsProvider(credentialsFor(url))
                    .setTransportConfigCallback(sshFor(url))
                    .call();
            // The remote's HEAD names its default branch; kept under a ref of our own because
            // fetching it beside refs/heads/* collides when HEAD points at one of them.
            Ref head = result.getAdvertisedRef(Constants.HEAD);
            if (head != null && head.getObjectId() != null) {
                RefUpdate update = repository.updateRef(DEFAULT_BRANCH);
                update.setNewObjectId(head.getObjectId());
                update.setForceUpdate(true);
                update.update();
            }
        } catch (InvalidRemoteException e) {
            throw new GitException("no Git repository at " + url, "check the repoURL", e);
        } catch (TransportException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            boolean auth = message.contains("not authorized") || message.contains("Authentication") || message.contains("401")
                    || message.contains("403");
            throw new GitException((auth ? "not authorized to fetch " : "cannot reach ") + url + ": " + message,
                    auth ? "check the credentials for this repository" : "check the URL and the network; the last synced revision stays applied", e);
        } catch (GitAPIException | IOException e) {
            throw new GitException("cannot fetch " + url + ": " + e.getMessage(), null, e);
        }
    }

    private static ObjectId find(Repository repository, String revision) throws IOException {
        if (revision.isEmpty() || revision.equals("HEAD")) {
            ObjectId head = repository.resolve(DEFAULT_BRANCH);
            if (head != null) {
                return head;
            }
            for (String fallback : List.of("main", "master")) {
                ObjectId id = repository.resolve("refs/remotes/origin/" + fallback);
                if (id != null) {
                    return id;
                }
            }
            return null;
        }
        for (String candidate : List.of("refs/remotes/origin/" + revision, "refs/tags/" + revision + "^{commit}")) {
            ObjectId id = repository.resolve(candidate);
            if (id != null) {
                return id;
            }
        }
        if (FULL_SHA.matcher(revision).matches() || revision.matches("[0-9a-f]{7,39}")) {
            try (RevWalk walk = new RevWalk(repository)) {
                ObjectId id = repository.resolve(revision);
                return id == null ? null : walk.parseCommit(id).getId();
            } catch (MissingObjectException | IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    private static Commit commit(Repository repository, ObjectId id) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(id);
            return new Commit(commit.getName(), commit.getAuthorIdent().getName() + " <" + commit.getAuthorIdent().getEmailAddress() + ">",
                    commit.getShortMessage(), Instant.ofEpochSecond(commit.getCommitTime()));
        }
    }

    /** Writes the files below {@code path} (or all for {@code "."}): each to a temporary name, then moved into place. */
    private static void write(Repository repository, RevCommit commit, Path target, String path) throws IOException {
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(commit.getTree());
            walk.setRecursive(true);
            if (!path.equals(ALL)) {
                walk.setFilter(PathFilter.create(path));
            }
            while (walk.next()) {
                Path file = target.resolve(walk.getPathString()).normalize();
                if (!file.startsWith(target) || Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                Files.createDirectories(file.getParent());
                FileMode mode = walk.getFileMode(0);
                byte[] content = repository.open(walk.getObjectId(0)).getBytes();
                Path partial = file.resolveSibling(file.getFileName() + ".mooring-partial");
                if (mode == FileMode.SYMLINK) {
                    // Kept as a link, so that the renderers' load restrictor can refuse one that points out.
                    Files.deleteIfExists(partial);
                    Files.createSymbolicLink(partial, Path.of(new String(content, StandardCharsets.UTF_8)));
                } else if (mode != FileMode.GITLINK) {
                    Files.write(partial, content);
                } else {
                    continue;
                }
                // A crash leaves at most a partial file beside, never a half-written file under the real name.
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private CredentialsProvider credentialsFor(String url) {
        GitCredentials found = credentialsOf(url);
        return found != null && found.hasPassword()
                ? new UsernamePasswordCredentialsProvider(found.username() == null ? "mooring" : found.username(), found.password()) : null;
    }

    private TransportConfigCallback sshFor(String url) {
        if (!SshTransports.isSsh(url)) {
            return null;
        }
        GitCredentials found = credentialsOf(url);
        return SshTransports.with(found != null ? found : new GitCredentials(null, null, null, null, false), cache.resolve("ssh-home"));
    }

    /** The credentials registered for the longest prefix of {@code url}. */
    private GitCredentials credentialsOf(String url) {
        String best = null;
        for (String prefix : credentials.keySet()) {
            if (url.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? null : credentials.get(best);
    }

    private Object lock(String url) {
        return locks.computeIfAbsent(url, u -> new Object());
    }

    private static String digest(String url) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every branch and tag of a fetched repository, newest first: for pickers and history. */
    public List<String> refs(String url) {
        synchronized (lock(url)) {
            try (Repository repository = mirror(url)) {
                List<String> names = new ArrayList<>();
                for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_REMOTES + "origin/")) {
                    names.add(ref.getName().substring((Constants.R_REMOTES + "origin/").length()));
                }
                for (Ref ref : repository.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
                    names.add(ref.getName().substring(Constants.R_TAGS.length()));
                }
                return names;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
