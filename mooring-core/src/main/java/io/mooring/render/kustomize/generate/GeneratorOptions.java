package io.mooring.render.kustomize.generate;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options of a generator ({@code options:} on an entry) or of a whole kustomization
 * ({@code generatorOptions:}).
 *
 * @param labels                labels put on the generated object
 * @param annotations           annotations put on the generated object
 * @param disableNameSuffixHash true to leave the name without the {@code -<hash>} suffix
 * @param immutable             true to add {@code immutable: true}
 */
public record GeneratorOptions(Map<String, String> labels, Map<String, String> annotations,
                               boolean disableNameSuffixHash, boolean immutable) {
    public static final GeneratorOptions NONE = new GeneratorOptions(Map.of(), Map.of(), false, false);

    static final List<String> FIELDS = List.of("labels", "annotations", "disableNameSuffixHash", "immutable");
    /** The Go struct kustomize decodes options into, which its errors name. */
    static final String GO_STRUCT = "GeneratorOptions";

    public GeneratorOptions {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    }

    /**
     * Reads a kustomization's {@code generatorOptions} (strictly, as kustomize decodes a
     * kustomization); a missing or null node gives {@link #NONE}.
     *
     * @param source the kustomization file, for messages
     */
    public static GeneratorOptions fromKustomization(JsonNode node, String source) {
        return read(ArgsReader.of(node, source, "generatorOptions", "generatorOptions", ArgsReader.Mode.KUSTOMIZATION,
                GO_STRUCT, FIELDS));
    }

    static GeneratorOptions read(ArgsReader reader) {
        return new GeneratorOptions(reader.stringMap("labels"), reader.stringMap("annotations"),
                reader.bool("disableNameSuffixHash"), reader.bool("immutable"));
    }

    /**
     * These (an entry's own) options with a kustomization's {@code generatorOptions} merged in, by
     * kustomize's rule: a label or annotation set here wins over the global one of the same key,
     * while a boolean that is true globally is true here (a local false cannot tell "unset" from
     * "false", so it never overrides).
     */
    public GeneratorOptions withGlobal(GeneratorOptions global) {
        Map<String, String> mergedLabels = new LinkedHashMap<>(global.labels);
        mergedLabels.putAll(labels);
        Map<String, String> mergedAnnotations = new LinkedHashMap<>(global.annotations);
        mergedAnnotations.putAll(annotations);
        return new GeneratorOptions(mergedLabels, mergedAnnotations,
                disableNameSuffixHash || global.disableNameSuffixHash, immutable || global.immutable);
    }
}
