package io.mooring.render.kustomize.generate;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.resource.ManifestException;

import java.util.ArrayList;
import java.util.List;

/**
 * One ConfigMap or Secret generator, as written in a kustomization's {@code configMapGenerator} /
 * {@code secretGenerator} list or in a builtin generator config file ({@code kind: ConfigMapGenerator},
 * {@code apiVersion: builtin}).
 *
 * @param kind       what it generates
 * @param name       the name before prefixes, suffixes and the hash
 * @param namespace  empty for none
 * @param behavior   what to do when the id already exists
 * @param sources    where the data comes from
 * @param options    the options in force (for kustomization entries, already merged with
 *                   {@code generatorOptions})
 * @param secretType the Secret's {@code type} ({@code Opaque} unless given); empty for a ConfigMap
 * @param source     the file it was written in, for messages
 */
public record GeneratorArgs(GeneratedKind kind, String name, String namespace, Behavior behavior,
                            KvSources sources, GeneratorOptions options, String secretType, String source) {
    private static final List<String> ARGS_FIELDS = List.of("name", "namespace", "behavior", "literals", "files",
            "envs", "options");

    /**
     * The entries of a kustomization's {@code configMapGenerator} or {@code secretGenerator} list,
     * read strictly as kustomize reads a kustomization (unknown fields and non-string values are
     * errors). The deprecated {@code env} is appended to {@code envs}, and {@code global} (the
     * kustomization's {@code generatorOptions}) is merged into each entry's options.
     *
     * @param list   the list node; missing or null gives no entries
     * @param source the kustomization file, for messages
     */
    public static List<GeneratorArgs> fromKustomization(GeneratedKind kind, JsonNode list, GeneratorOptions global,
                                                        String source) {
        if (list == null || list.isNull() || list.isMissingNode()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new ManifestException(source, 0, "invalid Kustomization: json: cannot unmarshal "
                    + (list.isObject() ? "object" : list.isTextual() ? "string" : list.isNumber() ? "number" : "bool")
                    + " into Go struct field Kustomization." + kind.kustomizationField() + " of type []types."
                    + kind.argsStruct(), kind.kustomizationField() + ": expected a list of generators");
        }
        List<String> fields = new ArrayList<>(ARGS_FIELDS);
        fields.add("env");
        if (kind == GeneratedKind.SECRET) {
            fields.add("type");
        }
        List<GeneratorArgs> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            ArgsReader reader = ArgsReader.of(list.get(i), source, kind.kustomizationField() + "[" + i + "]",
                    kind.kustomizationField(), ArgsReader.Mode.KUSTOMIZATION, kind.argsStruct(), fields);
            List<String> envs = new ArrayList<>(reader.strings("envs"));
            String env = reader.string("env");
            if (!env.isEmpty()) {
                envs.add(env);
            }
            GeneratorOptions options = GeneratorOptions.read(reader.nested("options", GeneratorOptions.GO_STRUCT, GeneratorOptions.FIELDS));
            result.add(read(kind, reader, reader.string("name"), reader.string("namespace"), envs,
                    options.withGlobal(global), source));
        }
        return List.copyOf(result);
    }

    /**
     * A builtin generator config ({@code kind: ConfigMapGenerator} or {@code SecretGenerator}), read
     * as kustomize's builtin plugins read theirs: unknown fields are ignored, {@code name} and
     * {@code namespace} fall back to {@code metadata.name} and {@code metadata.namespace}, the
     * deprecated {@code env} is ignored, and the kustomization's {@code generatorOptions} do not apply.
     *
     * @param source the file (or the kustomization holding the inline config), for messages
     */
    public static GeneratorArgs fromBuiltinConfig(JsonNode config, String source) {
        String builtinKind = config == null ? "" : config.path("kind").asText("");
        GeneratedKind kind = GeneratedKind.ofBuiltinKind(builtinKind).orElseThrow(() -> new ManifestException(source, 0,
                "not a ConfigMapGenerator or SecretGenerator config: kind is '" + builtinKind + "'", null));
        List<String> fields = new ArrayList<>(ARGS_FIELDS);
        fields.add("metadata");
        if (kind == GeneratedKind.SECRET) {
            fields.add("type");
        }
        ArgsReader reader = ArgsReader.of(config, source, builtinKind, "", ArgsReader.Mode.PLUGIN_CONFIG,
                builtinKind + "Plugin", fields);
        ArgsReader metadata = reader.nested("metadata", "ObjectMeta", List.of("name", "namespace"));
        String name = reader.string("name");
        String namespace = reader.string("namespace");
        return read(kind, reader, name.isEmpty() ? metadata.string("name") : name,
                namespace.isEmpty() ? metadata.string("namespace") : namespace, reader.strings("envs"),
                GeneratorOptions.read(reader.nested("options", GeneratorOptions.GO_STRUCT, GeneratorOptions.FIELDS)), source);
    }

    private static GeneratorArgs read(GeneratedKind kind, ArgsReader reader, String name, String namespace,
                                      List<String> envs, GeneratorOptions options, String source) {
        String type = "";
        if (kind == GeneratedKind.SECRET) {
            type = reader.string("type");
            if (type.isEmpty()) {
                type = "Opaque";
            }
        }
        KvSources sources = new KvSources(envs, reader.strings("literals"), reader.strings("files"));
        return new GeneratorArgs(kind, name, namespace, Behavior.of(reader.string("behavior")), sources, options,
                type, source);
    }
}
