package io.mooring.render.kustomize.generate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.render.kustomize.FileLoader;
import io.mooring.resource.ManifestException;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Makes the ConfigMap or Secret a generator describes, as kustomize's builtin generators do. */
public final class Generator {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Kustomize breaks base64 text into lines of this many characters. */
    private static final int BASE64_LINE = 70;

    private Generator() {
    }

    /**
     * The generated object, with its behavior and whether its name needs the hash suffix.
     *
     * <p>A ConfigMap keeps UTF-8 values under {@code data} and other values, base64 encoded, under
     * {@code binaryData}; a Secret base64-encodes every value under {@code data} (always present,
     * possibly empty) and has a {@code type}. Base64 longer than 70 characters is broken into lines
     * of 70, each ending in a newline, exactly as kustomize writes it; the hash depends on it.
     *
     * @param files the loader of the kustomization the generator belongs to (root-only)
     * @throws ManifestException when the name is missing, a source cannot be read or parsed, or a key repeats
     */
    public static Generated generate(GeneratorArgs args, FileLoader files) {
        if (args.name().isEmpty()) {
            throw new ManifestException(args.source(), 0, "a configmap must have a name",
                    "give the " + args.kind().kustomizationField() + " entry a name");
        }
        List<KvPair> pairs;
        try {
            pairs = KvLoader.load(args.sources(), files, args.source());
        } catch (ManifestException e) {
            throw new ManifestException(e.source(), e.line(), "loading KV pairs: " + e.problem(), e.hint(), e);
        }
        Map<String, byte[]> data = new TreeMap<>();
        for (KvPair pair : pairs) {
            if (data.putIfAbsent(pair.key(), pair.value()) != null) {
                throw new ManifestException(args.source(), 0,
                        "configmap " + args.name() + " illegally repeats the key `" + pair.key() + "`",
                        "each key may come from only one literal, file or env line");
            }
        }
        ObjectNode object = NODES.objectNode();
        object.put("apiVersion", "v1");
        object.put("kind", args.kind().kind());
        ObjectNode metadata = object.putObject("metadata");
        metadata.put("name", args.name());
        if (!args.namespace().isEmpty()) {
            metadata.put("namespace", args.namespace());
        }
        if (args.kind() == GeneratedKind.SECRET) {
            object.put("type", args.secretType());
            ObjectNode secretData = object.putObject("data");
            data.forEach((key, value) -> secretData.put(key, base64Lines(value)));
        } else {
            data.forEach((key, value) -> {
                String text = Utf8.decodeOrNull(value, 0, value.length);
                if (text != null) {
                    map(object, "data").put(key, text);
                } else {
                    map(object, "binaryData").put(key, base64Lines(value));
                }
            });
        }
        GeneratorOptions options = args.options();
        if (!options.labels().isEmpty()) {
            ObjectNode labels = metadata.putObject("labels");
            options.labels().forEach(labels::put);
        }
        if (!options.annotations().isEmpty()) {
            ObjectNode annotations = metadata.putObject("annotations");
            options.annotations().forEach(annotations::put);
        }
        if (options.immutable()) {
            object.put("immutable", true);
        }
        return new Generated(object, args.behavior(), !options.disableNameSuffixHash());
    }

    private static ObjectNode map(ObjectNode object, String field) {
        return object.has(field) ? (ObjectNode) object.get(field) : object.putObject(field);
    }

    /** Base64, and when it is 70 characters or longer, cut into lines of 70 that each end in a newline. */
    static String base64Lines(byte[] bytes) {
        String encoded = Base64.getEncoder().encodeToString(bytes);
        if (encoded.length() < BASE64_LINE) {
            return encoded;
        }
        StringBuilder lines = new StringBuilder(encoded.length() + encoded.length() / BASE64_LINE + 1);
        for (int i = 0; i < encoded.length(); i += BASE64_LINE) {
            lines.append(encoded, i, Math.min(i + BASE64_LINE, encoded.length())).append('\n');
        }
        return lines.toString();
    }
}
