package io.mooring.policy.value;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container image reference split as Kyverno splits it for its {@code images} variable:
 * {@code nginx} is registry {@code docker.io}, path {@code nginx}, tag {@code latest};
 * {@code ghcr.io/org/app@sha256:...} has a digest and no tag.
 *
 * @param registry the registry host (with port), {@code docker.io} when the reference names none
 * @param path     the repository path within the registry
 * @param name     the last segment of the path
 * @param tag      the tag, {@code latest} when neither tag nor digest is given, empty with a digest only
 * @param digest   the digest, or empty
 */
public record ImageReference(String registry, String path, String name, String tag, String digest) {
    public static final String DEFAULT_REGISTRY = "docker.io";
    // distribution/reference's grammar: path components, optional :tag, optional @digest.
    private static final Pattern REFERENCE = Pattern.compile(
            "^((?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?/)?"
                    + "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)"
                    + "(?::([\\w][\\w.-]{0,127}))?(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$");

    /** The parts of {@code image}, or empty when it is not a valid reference. */
    public static Optional<ImageReference> parse(String image) {
        String full = withDefaultRegistry(image);
        Matcher m = REFERENCE.matcher(full);
        if (!m.matches()) {
            return Optional.empty();
        }
        String repository = m.group(1);
        int slash = repository.indexOf('/');
        String registry = repository.substring(0, slash);
        String path = repository.substring(slash + 1);
        String tag = m.group(2) == null ? "" : m.group(2);
        String digest = m.group(3) == null ? "" : m.group(3);
        if (tag.isEmpty() && digest.isEmpty()) {
            tag = "latest";
        }
        return Optional.of(new ImageReference(registry, path, path.substring(path.lastIndexOf('/') + 1), tag, digest));
    }

    /** The first segment is a registry only if it looks like a host (a dot or a port) or is localhost. */
    private static String withDefaultRegistry(String image) {
        int slash = image.indexOf('/');
        if (slash < 0) {
            return DEFAULT_REGISTRY + "/" + image;
        }
        String first = image.substring(0, slash);
        boolean host = first.contains(".") || first.contains(":") || first.equals("localhost") || !first.equals(first.toLowerCase());
        return host ? image : DEFAULT_REGISTRY + "/" + image;
    }

    /** {@code registry/path:tag}, or {@code registry/path@digest} when there is a digest. */
    public String reference() {
        return registry + "/" + path + (digest.isEmpty() ? ":" + tag : "@" + digest);
    }

    /** {@code registry/path:tag} (the tag empty when only a digest was given). */
    public String referenceWithTag() {
        return registry + "/" + path + ":" + tag;
    }
}
