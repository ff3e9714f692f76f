package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.render.kustomize.generate.GeneratorArgs;
import io.mooring.resource.ManifestException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Builtin plugins configured by objects ({@code apiVersion: builtin}, {@code kind: LabelTransformer}
 * ...) listed under a kustomization's {@code generators:} or {@code transformers:}. Only kustomize's
 * builtin kinds run; external plugins (exec, containers, Go plugins) are refused, as kustomize does
 * without its plugin flags.
 */
final class PluginConfigs {
    private PluginConfigs() {
    }

    static Generator generator(Resource config, KustTarget target) {
        String kind = builtinKind(config);
        return switch (kind) {
            case "ConfigMapGenerator", "SecretGenerator" -> {
                GeneratorArgs args = configured(config,
                        () -> GeneratorArgs.fromBuiltinConfig(config.object(), target.kustomization().file()));
                yield () -> List.of(Builtins.generated(
                        io.mooring.render.kustomize.generate.Generator.generate(args, target.loader())));
            }
            case "IAMPolicyGenerator" -> () -> List.of(IamPolicyGenerator.generate(config.object()));
            default -> throw notA("generator", config);
        };
    }

    static Transformer transformer(Resource config, KustTarget target) {
        String kind = builtinKind(config);
        return configured(config, () -> transformer(kind, config, target));
    }

    /** kustomize names the plugin config in an error made while configuring it. */
    private static <T> T configured(Resource config, Supplier<T> configure) {
        try {
            return configure.get();
        } catch (ManifestException e) {
            throw KustomizeException.wrap("plugin " + config.orgId() + " fails configuration", e);
        }
    }

    private static Transformer transformer(String kind, Resource config, KustTarget target) {
        JsonNode c = PluginSchemas.normalize(kind, config.object());
        if ((kind.startsWith("Prefix") || kind.startsWith("Suffix")) && !c.path("fieldSpecs").isArray()) {
            throw new KustomizeException("fieldSpecs is not expected to be nil");
        }
        return switch (kind) {
            case "LabelTransformer" -> new MapEntriesTransformer(Resource.stringMap(c.path("labels")), FieldSpec.parseAll(c.path("fieldSpecs")));
            case "AnnotationsTransformer" -> new MapEntriesTransformer(Resource.stringMap(c.path("annotations")), FieldSpec.parseAll(c.path("fieldSpecs")));
            case "NamespaceTransformer" -> new NamespaceTransformer(c.path("metadata").path("namespace").asText(""),
                    FieldSpec.parseAll(c.path("fieldSpecs")), c.path("unsetOnly").asBoolean(false),
                    NamespaceTransformer.Subjects.parse(c.path("setRoleBindingSubjects").asText("")));
            case "PrefixTransformer" -> new NameAffixTransformer(c.path("prefix").asText(""), true, FieldSpec.parseAll(c.path("fieldSpecs")));
            case "SuffixTransformer" -> new NameAffixTransformer(c.path("suffix").asText(""), false, FieldSpec.parseAll(c.path("fieldSpecs")));
            case "PrefixSuffixTransformer" -> resources -> {
                List<FieldSpec> specs = FieldSpec.parseAll(c.path("fieldSpecs"));
                new NameAffixTransformer(c.path("prefix").asText(""), true, specs).transform(resources);
                new NameAffixTransformer(c.path("suffix").asText(""), false, specs).transform(resources);
            };
            case "ImageTagTransformer" -> new ImageTransformer(ImageTransformer.Image.parse(c.path("imageTag")), FieldSpec.parseAll(c.path("fieldSpecs")));
            case "ReplicaCountTransformer" -> new ReplicaTransformer(c.path("replica").path("name").asText(""),
                    c.path("replica").path("count").asLong(), FieldSpec.parseAll(c.path("fieldSpecs")));
            case "PatchTransformer" -> Patches.patch(c, target.loader(), target.schema());
            case "PatchStrategicMergeTransformer" -> {
                List<String> paths = new ArrayList<>();
                c.path("paths").forEach(p -> paths.add(p.asText()));
                yield Patches.strategicMerge(paths, c.path("patches").asText(""), target.loader(), target.schema());
            }
            case "PatchJson6902Transformer" -> Patches.json6902(c, target.loader());
            case "ValueAddTransformer" -> ValueAddTransformer.parse(c, target.loader().root().getFileName().toString());
            // Renames generated objects again when the build's own hashing follows: kustomize does the same.
            case "HashTransformer" -> new HashSuffixer();
            case "ReplacementTransformer" -> new ReplacementTransformer(Builtins.replacements(target.loader(), items(c.path("replacements"))));
            default -> throw notA("transformer", config);
        };
    }

    private static List<JsonNode> items(JsonNode list) {
        List<JsonNode> result = new ArrayList<>();
        list.forEach(result::add);
        return result;
    }

    /** The kind of a builtin plugin config; anything else is an external plugin, which is not run. */
    private static String builtinKind(Resource config) {
        Gvk gvk = config.gvk();
        if (!gvk.group().isEmpty() || !gvk.version().equals("builtin")) {
            throw new KustomizeException("external plugins disabled; unable to load external plugin '" + gvk.kind() + "'");
        }
        return gvk.kind();
    }

    private static KustomizeException notA(String what, Resource config) {
        return new KustomizeException("unable to load builtin " + config.gvk() + " as a " + what);
    }
}
