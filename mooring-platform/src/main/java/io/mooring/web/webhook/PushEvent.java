package io.mooring.web.webhook;

import java.util.List;
import java.util.Set;

/**
 * A push as a Git host reports it.
 *
 * @param repoUrls      the repository's URLs (https, ssh, web): an Application may name any of them
 * @param ref           the ref pushed ({@code refs/heads/main}, {@code refs/tags/v1})
 * @param defaultBranch the repository's default branch; empty when the host did not say
 * @param files         every file the pushed commits added, changed or removed; null when unknown
 *                      (a forced push, a list the host cut short), which concerns every path
 */
public record PushEvent(List<String> repoUrls, String ref, String defaultBranch, Set<String> files) {
    public PushEvent {
        repoUrls = List.copyOf(repoUrls);
        files = files == null ? null : Set.copyOf(files);
    }
}
