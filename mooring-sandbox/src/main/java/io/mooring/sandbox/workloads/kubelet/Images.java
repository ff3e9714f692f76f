package io.mooring.sandbox.workloads.kubelet;

/**
 * Image references as a container runtime reports them: the fully qualified name
 * ({@code nginx:1.27} is {@code docker.io/library/nginx:1.27}) and an image ID with a digest
 * (the one in the reference, else a stable stand-in derived from the name: nothing is pulled).
 */
final class Images {
    private Images() {
    }

    static String normalise(String image) {
        if (image.isEmpty()) {
            return image;
        }
        String name = image;
        int slash = name.indexOf('/');
        String first = slash < 0 ? "" : name.substring(0, slash);
        boolean hasRegistry = slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"));
        if (!hasRegistry) {
            name = "docker.io/" + (slash < 0 ? "library/" : "") + name;
        }
        boolean hasDigest = name.contains("@");
        boolean hasTag = name.lastIndexOf(':') > name.lastIndexOf('/');
        return hasDigest || hasTag ? name : name + ":latest";
    }

    static String id(String image) {
        String normalised = normalise(image);
        int at = normalised.indexOf('@');
        String named = at >= 0 ? normalised.substring(0, at) : normalised;
        String repository = named.lastIndexOf(':') > named.lastIndexOf('/') ? named.substring(0, named.lastIndexOf(':')) : named;
        return repository + (at >= 0 ? normalised.substring(at) : "@sha256:" + PodStatuses.sha256(normalised));
    }
}
