package io.mooring.render.kustomize.generate;

import io.mooring.render.kustomize.FileLoader;
import io.mooring.resource.ManifestException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Turns a generator's sources into key/value pairs, reading files through the kustomization's loader. */
final class KvLoader {
    private KvLoader() {
    }

    /**
     * All pairs in kustomize's order: env files, literals, files. Errors carry kustomize's context
     * ("env source files: [a.env]: ...").
     *
     * @param source the kustomization or config file, for messages
     */
    static List<KvPair> load(KvSources sources, FileLoader files, String source) {
        List<KvPair> pairs = new ArrayList<>();
        // kustomize's own wording: "literal sources" has no colon before the list, the others do.
        pairs.addAll(each("env source files:", sources.envs(), source,
                path -> EnvFile.parse(files.root().resolve(path).toString(), files.loadBytes(path))));
        pairs.addAll(each("literal sources", sources.literals(), source, literal -> List.of(literal(literal, source))));
        pairs.addAll(each("file sources:", sources.files(), source, file -> {
            String[] keyAndPath = fileSource(file, source);
            return List.of(new KvPair(keyAndPath[0], files.loadBytes(keyAndPath[1])));
        }));
        return pairs;
    }

    private static List<KvPair> each(String what, List<String> items, String source, Function<String, List<KvPair>> read) {
        List<KvPair> pairs = new ArrayList<>();
        try {
            for (String item : items) {
                pairs.addAll(read.apply(item));
            }
        } catch (ManifestException e) {
            // Go's %v of a string list, as kustomize prints it.
            String problem = what + " [" + String.join(" ", items) + "]: " + e.problem();
            String where = e.source() == null ? source : e.source();
            throw new ManifestException(where, e.line(), problem, e.hint(), e);
        }
        return pairs;
    }

    /**
     * A literal {@code key=value}: split at the first {@code =}; the value loses one pair of
     * matching surrounding quotes ({@code "..."} or {@code '...'}), nothing else.
     */
    static KvPair literal(String literal, String source) {
        int equals = literal.indexOf('=');
        if (equals <= 0) {
            throw new ManifestException(source, 0, "invalid literal source " + literal + ", expected key=value",
                    "write literals as key=value");
        }
        String value = literal.substring(equals + 1);
        if (value.length() >= 2 && value.charAt(0) == value.charAt(value.length() - 1)
                && (value.charAt(0) == '"' || value.charAt(0) == '\'')) {
            value = value.substring(1, value.length() - 1);
        }
        return new KvPair(literal.substring(0, equals), value.getBytes(StandardCharsets.UTF_8));
    }

    /** A file source: {@code path} (the key is its last path element) or {@code key=path}. */
    static String[] fileSource(String file, String source) {
        long separators = file.chars().filter(c -> c == '=').count();
        if (separators == 0) {
            return new String[] {baseName(file), file};
        }
        if (separators > 1) {
            throw new ManifestException(source, 0, "source \"" + file + "\": key names or file paths cannot contain '='", null);
        }
        int equals = file.indexOf('=');
        if (equals == 0) {
            throw new ManifestException(source, 0, "key name for file path " + file.substring(1) + " missing",
                    "write key=path or just path");
        }
        if (equals == file.length() - 1) {
            throw new ManifestException(source, 0, "file path for key name " + file.substring(0, equals) + " missing",
                    "write key=path or just path");
        }
        return new String[] {file.substring(0, equals), file.substring(equals + 1)};
    }

    /** Go's path.Base: the last element after trailing slashes are dropped. */
    static String baseName(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        String trimmed = path.replaceAll("/+$", "");
        if (trimmed.isEmpty()) {
            return "/";
        }
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }
}
