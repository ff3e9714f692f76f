package io.mooring.web.portal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a commit of a repository can be seen in a browser: only for repositories reached over
 * http(s), whose web pages are at the same address (GitHub, GitLab, Gitea, Forgejo, Bitbucket). An
 * ssh or file URL has no such page. Pure.
 */
public final class CommitLinks {
    private CommitLinks() {
    }

    public static Optional<String> commit(String repoUrl, String sha) {
        if (repoUrl == null || sha == null || sha.isBlank() || !sha.matches("[0-9a-fA-F]{7,64}")) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(repoUrl.trim());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            return Optional.empty();
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.endsWith(".git")) {
            path = path.substring(0, path.length() - 4);
        }
        if (path.isEmpty()) {
            return Optional.empty();
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String commitPath = host.contains("gitlab") ? "/-/commit/" : host.equals("bitbucket.org") ? "/commits/" : "/commit/";
        // No user name or password of the URL goes into a page.
        String base = scheme + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        return Optional.of(base + path + commitPath + sha);
    }

    /** The first 7 characters of a commit, as Git shows it; the text as it is when it is no commit. */
    public static String shortSha(String sha) {
        return sha != null && sha.matches("[0-9a-fA-F]{8,64}") ? sha.substring(0, 7) : sha == null ? "" : sha;
    }
}
