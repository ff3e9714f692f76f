package io.mooring.web.webhook;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which Applications a push concerns: the same repository (whatever URL form each names it by),
 * the revision they follow, and, when the push lists its files, a path they read. Pure.
 */
public final class PushMatcher {
    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{40}");
    private static final Pattern SCP = Pattern.compile("^(?:[^@/]+@)?([^:/]+):(.+)$");

    private PushMatcher() {
    }

    /**
     * @param repoURL        the Application's repository
     * @param targetRevision what it follows: a branch, a tag, empty or HEAD for the default branch, or a commit
     * @param inputs         the paths its last render read ({@code "."}: any); empty when it was not rendered yet
     */
    public static boolean matches(PushEvent push, String repoURL, String targetRevision, Optional<Set<String>> inputs) {
        String repo = normalise(repoURL);
        if (push.repoUrls().stream().map(PushMatcher::normalise).noneMatch(repo::equals)) {
            return false;
        }
        return followsRef(push, targetRevision) && touches(push.files(), inputs);
    }

    static boolean followsRef(PushEvent push, String targetRevision) {
        String target = targetRevision == null ? "" : targetRevision.trim();
        if (SHA.matcher(target).matches()) {
            return false; // pinned to a commit: a push moves nothing it follows
        }
        String ref = push.ref();
        if (target.isEmpty() || target.equals("HEAD")) {
            return push.defaultBranch().isEmpty() ? ref.startsWith("refs/heads/") : ref.equals("refs/heads/" + push.defaultBranch());
        }
        return ref.equals(target) || ref.equals("refs/heads/" + target) || ref.equals("refs/tags/" + target);
    }

    static boolean touches(Set<String> files, Optional<Set<String>> inputs) {
        if (files == null || inputs.isEmpty() || inputs.get().contains(".")) {
            return true;
        }
        for (String file : files) {
            for (String input : inputs.get()) {
                if (file.equals(input) || file.startsWith(input + "/")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A repository URL reduced to what identifies the repository: host and path, lower-case,
     * without scheme, user, port, trailing {@code .git} or slash ({@code git@github.com:org/app.git},
     * {@code https://github.com/Org/app} and {@code ssh://git@github.com:22/org/app.git} are one).
     * A local path or file URL stays a path.
     */
    public static String normalise(String url) {
        String text = url == null ? "" : url.trim();
        String hostAndPath;
        if (text.startsWith("file:")) {
            hostAndPath = URI.create(text).getPath();
        } else if (text.contains("://")) {
            URI uri = URI.create(text);
            hostAndPath = (uri.getHost() == null ? "" : uri.getHost()) + (uri.getPath() == null ? "" : uri.getPath());
        } else if (SCP.matcher(text).matches() && !text.startsWith("/")) {
            var m = SCP.matcher(text);
            m.matches();
            hostAndPath = m.group(1) + "/" + m.group(2);
        } else {
            hostAndPath = text;
        }
        String result = hostAndPath.toLowerCase(Locale.ROOT);
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        if (result.endsWith(".git")) {
            result = result.substring(0, result.length() - 4);
        }
        return result;
    }
}
