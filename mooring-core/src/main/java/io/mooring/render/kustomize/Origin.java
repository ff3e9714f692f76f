package io.mooring.render.kustomize;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Where an object came from, for kustomize's {@code buildMetadata: [originAnnotations]} and
 * {@code [transformerAnnotations]}: the file it was read from, or the kustomization and the plugin
 * that generated or transformed it. Paths are relative to the top kustomization.
 *
 * @param path         the file, for objects read from files
 * @param configuredIn the kustomization or config file of the generator or transformer
 * @param configuredBy the generator or transformer (builtin kind and, for plugin configs, name)
 */
record Origin(String path, String configuredIn, ResId configuredBy) {
    static final Origin ROOT = new Origin("", "", null);

    /** The origin of something under {@code relative}, joined and cleaned as Go's filepath.Join does. */
    Origin append(String relative) {
        return new Origin(join(path, relative), configuredIn, configuredBy);
    }

    /** The origin of objects a plugin made or changed, configured in {@code file} below this origin's path. */
    Origin configuredBy(String file, ResId plugin) {
        return new Origin("", join(path, file), plugin);
    }

    /** The file an object was read from, from its origin annotation (relative to the top kustomization); empty when untracked. */
    static String pathOf(Resource resource) {
        String text = resource.annotations().getOrDefault(Resource.ORIGIN, "");
        for (String line : text.split("\n")) {
            if (line.startsWith("path: ")) {
                return line.substring("path: ".length());
            }
        }
        return "";
    }

    /** The annotation text, as kustomize marshals an origin. */
    String text() {
        StringBuilder out = new StringBuilder();
        if (!path.isEmpty()) {
            out.append("path: ").append(path).append('\n');
        }
        if (!configuredIn.isEmpty()) {
            out.append("configuredIn: ").append(configuredIn).append('\n');
        }
        if (configuredBy != null) {
            out.append("configuredBy:\n");
            field(out, "apiVersion", configuredBy.gvk().apiVersion());
            field(out, "kind", configuredBy.gvk().kind());
            field(out, "name", configuredBy.name());
            field(out, "namespace", configuredBy.namespace());
        }
        return out.toString();
    }

    /** As an item of the transformations list annotation. */
    String listItem() {
        String[] lines = text().split("\n");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            out.append(i == 0 ? "- " : "  ").append(lines[i]).append('\n');
        }
        return out.toString();
    }

    private static void field(StringBuilder out, String name, String value) {
        if (!value.isEmpty()) {
            out.append("  ").append(name).append(": ").append(value).append('\n');
        }
    }

    /** Go's filepath.Join: join with '/', then clean "." and ".." segments. */
    static String join(String base, String relative) {
        String joined = base.isEmpty() ? relative : relative.isEmpty() ? base : base + "/" + relative;
        if (joined.isEmpty()) {
            return "";
        }
        boolean absolute = joined.startsWith("/");
        Deque<String> parts = new ArrayDeque<>();
        for (String part : joined.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..") && !parts.isEmpty() && !parts.peekLast().equals("..")) {
                parts.removeLast();
            } else if (!(part.equals("..") && absolute)) {
                parts.addLast(part);
            }
        }
        String cleaned = String.join("/", parts);
        return absolute ? "/" + cleaned : cleaned.isEmpty() ? "." : cleaned;
    }
}
