package io.mooring.sync;

import io.mooring.config.Application;
import io.mooring.git.Commit;
import io.mooring.git.GitException;
import io.mooring.git.GitRepositories;
import io.mooring.render.RenderRequest;
import io.mooring.render.Renderer;
import io.mooring.render.Renderers;
import io.mooring.resource.Manifest;
import io.mooring.resource.ManifestException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves an application's source to a commit and renders it, once per (repository, commit, path,
 * options). When a new commit arrives, an application whose inputs the commit did not touch keeps
 * its last render: a commit to one directory of a monorepo re-renders only the applications that
 * read it.
 */
public final class Renderings {
    private static final int MAX_ENTRIES = 4096;

    private final GitRepositories git;
    private final io.mooring.metrics.PlatformMetrics metrics;
    /** The last render per application source (repository, path, options), whatever its commit. */
    private final Map<String, Rendered> latest = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> changedPaths = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
            return size() > MAX_ENTRIES;
        }
    });

    private final Map<String, Resolved> resolved = new ConcurrentHashMap<>();
    private final Map<String, Object> resolveLocks = new ConcurrentHashMap<>();

    public Renderings(GitRepositories git) {
        this(git, io.mooring.metrics.PlatformMetrics.NONE);
    }

    /** @param metrics told how long each render took */
    public Renderings(GitRepositories git, io.mooring.metrics.PlatformMetrics metrics) {
        this.git = git;
        this.metrics = metrics;
    }

    /** The commit the application's revision points at now (fetching the repository). */
    public Commit resolve(Application application, String revision) {
        return resolve(application, revision, Duration.ZERO);
    }

    /**
     * The commit the application's revision points at, fetching the repository only when the last
     * fetch for that revision is older than {@code maxAge}: a thousand applications of one
     * repository cost one fetch per poll, not a thousand.
     */
    public Commit resolve(Application application, String revision, Duration maxAge) {
        Application.Source source = application.spec().source();
        return resolve(source.repoURL(), revision == null ? source.targetRevision() : revision, maxAge);
    }

    /**
     * The commit {@code revision} of a repository points at, fetching only when the last fetch for
     * it is older than {@code maxAge}; applications and the policies they name share the fetches.
     */
    public Commit resolve(String repoURL, String revision, Duration maxAge) {
        String key = repoURL + "\n" + revision;
        Resolved known = resolved.get(key);
        if (known != null && known.at().plus(maxAge).isAfter(Instant.now())) {
            return known.commit();
        }
        synchronized (resolveLock(repoURL)) {
            known = resolved.get(key);
            if (known != null && known.at().plus(maxAge).isAfter(Instant.now())) {
                return known.commit();
            }
            Instant at = Instant.now();
            try {
                Commit commit = git.resolve(repoURL, revision);
                resolved.put(key, new Resolved(commit, at));
                return commit;
            } catch (GitException e) {
                throw new SourceException("GitError", e.getMessage() + (e.hint() == null ? "" : " (" + e.hint() + ")"), e);
            }
        }
    }

    /** The Git repositories it reads (the policy guard checks its policies out of them too). */
    GitRepositories git() {
        return git;
    }

    private record Resolved(Commit commit, Instant at) {
    }

    private Object resolveLock(String url) {
        return resolveLocks.computeIfAbsent(url, u -> new Object());
    }

    /** The application's manifests at {@code commit}. */
    public Rendered render(Application application, Commit commit) {
        Application.Source source = application.spec().source();
        String sourceKey = sourceKey(application);
        Rendered last = latest.get(sourceKey);
        if (last != null && last.commit().sha().equals(commit.sha())) {
            return last;
        }
        if (last != null && untouched(source.repoURL(), last, commit)) {
            Rendered same = last.at(commit);
            latest.put(sourceKey, same);
            return same;
        }
        Rendered rendered = renderAt(application, commit);
        latest.put(sourceKey, rendered);
        return rendered;
    }

    /**
     * The repository paths the application's last render read ({@code "."}: any change may concern
     * it), or empty when it was not rendered yet: what a webhook's list of changed files is matched
     * against.
     */
    public java.util.Optional<Set<String>> inputs(Application application) {
        return java.util.Optional.ofNullable(latest.get(sourceKey(application))).map(Rendered::inputs);
    }

    private static String sourceKey(Application application) {
        Application.Source source = application.spec().source();
        return source.repoURL() + "\n" + source.path() + "\n" + source.helm() + "\n" + application.spec().destination().namespace()
                + "\n" + application.name();
    }

    /** Forgets an application's renders (it was deleted). */
    public void forget(Application application) {
        latest.keySet().removeIf(key -> key.endsWith("\n" + application.name()));
    }

    private boolean untouched(String url, Rendered last, Commit commit) {
        Set<String> changed;
        try {
            changed = changedPaths.computeIfAbsent(last.commit().sha() + ".." + commit.sha(),
                    k -> git.changedPaths(url, last.commit().sha(), commit.sha()));
        } catch (GitException e) {
            return false; // the old commit is gone (a force push): render again
        }
        for (String path : changed) {
            for (String input : last.inputs()) {
                if (input.equals(".") || path.equals(input) || path.startsWith(input + "/")) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Renders from a checkout of just the application's path and values files; when that fails
     * (a kustomization reaching a base outside its path), from the whole commit.
     */
    private Rendered renderAt(Application application, Commit commit) {
        Application.Source source = application.spec().source();
        String relative = normalise(source.path());
        if (relative.equals("..") || relative.startsWith("../") || Path.of(relative).isAbsolute()) {
            throw new SourceException("RenderError", "path '" + source.path() + "' leaves the repository", null);
        }
        Set<String> wanted = new LinkedHashSet<>();
        wanted.add(relative);
        for (String value : source.helm().valueFiles()) {
            wanted.add(normalise(Path.of(relative).resolve(value).normalize().toString()));
        }
        try {
            return renderIn(application, commit, checkout(source, commit, wanted), relative, wanted);
        } catch (SourceException e) {
            if (wanted.contains(GitRepositories.ALL)) {
                throw e;
            }
            return renderIn(application, commit, checkout(source, commit, Set.of(GitRepositories.ALL)), relative, Set.of(GitRepositories.ALL));
        }
    }

    private Path checkout(Application.Source source, Commit commit, Set<String> paths) {
        try {
            return git.checkout(source.repoURL(), commit.sha(), paths);
        } catch (GitException e) {
            throw new SourceException("GitError", e.getMessage(), e);
        }
    }

    private Rendered renderIn(Application application, Commit commit, Path root, String relative, Set<String> checkedOut) {
        Application.Source source = application.spec().source();
        Path dir = root.resolve(relative).normalize();
        if (!Files.exists(dir)) {
            throw new SourceException("RenderError", "path '" + source.path() + "' does not exist at " + commit.shortSha()
                    + " of " + source.repoURL() + " (the last synced revision stays applied)", null);
        }
        Application.Helm helm = source.helm();
        List<Path> values = helm.valueFiles().stream().map(dir::resolve).toList();
        String namespace = application.spec().destination().namespace();
        RenderRequest request = new RenderRequest(dir, values, helm.parameters(), namespace.isEmpty() ? null : namespace,
                helm.releaseName().isEmpty() ? application.name() : helm.releaseName());
        Renderer renderer = Renderers.forPath(dir);
        List<Manifest> manifests;
        long started = System.nanoTime();
        String result = "failure";
        try {
            manifests = renderer.render(request);
            result = "success";
        } catch (ManifestException e) {
            ManifestException located = new ManifestException(inRepository(root, dir, e.source()), e.line(), e.problem(), e.hint());
            throw new SourceException("RenderError", relativeTo(root, located.getMessage()), e);
        } catch (RuntimeException e) {
            throw new SourceException("RenderError", renderer.name() + " failed on " + source.path() + ": " + e.getMessage(), e);
        } finally {
            metrics.rendered(renderer.name(), result, Duration.ofNanos(System.nanoTime() - started));
        }
        // A kustomization may read bases anywhere in the repository (and the shared tree may hold
        // them from another application's checkout), so any change may concern it.
        Set<String> inputs = renderer.name().equals("kustomize") ? Set.of(GitRepositories.ALL) : checkedOut;
        return new Rendered(commit, renderer.name(), manifests.stream().map(m -> relativeSource(root, dir, m)).toList(), inputs);
    }

    private static Manifest relativeSource(Path root, Path dir, Manifest manifest) {
        String source = inRepository(root, dir, manifest.source());
        return Objects.equals(source, manifest.source()) ? manifest : new Manifest(manifest.object(), source, manifest.line(), manifest.text());
    }

    /**
     * A renderer's name for a file (absolute, or relative to the rendered directory) as a path in
     * the repository, which is what the user can open; other names (a Helm template) unchanged.
     */
    private static String inRepository(Path root, Path dir, String source) {
        if (source == null || source.isEmpty()) {
            return source;
        }
        try {
            Path path = Path.of(source);
            Path absolute = path.isAbsolute() ? path.normalize() : dir.resolve(path).normalize();
            if (absolute.startsWith(root) && (path.isAbsolute() || Files.exists(absolute))) {
                return root.relativize(absolute).toString();
            }
        } catch (java.nio.file.InvalidPathException e) {
            // a name that is no path stays as it is
        }
        return source;
    }

    /** Paths in messages as the user knows them: relative to the repository, not to Mooring's cache. */
    private static String relativeTo(Path root, String text) {
        return text == null ? null : text.replace(root + "/", "").replace(root.toString(), ".");
    }

    /** A repository path without leading {@code ./} or trailing slashes; {@code "."} for the root. */
    static String normalise(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? "." : p;
    }
}
