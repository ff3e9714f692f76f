package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.render.kustomize.generate.GeneratedKind;
import io.mooring.render.kustomize.generate.Generated;
import io.mooring.render.kustomize.generate.GeneratorArgs;
import io.mooring.render.kustomize.generate.GeneratorOptions;
import io.mooring.resource.YamlReader;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The built-in generators and transformers a kustomization asks for, in kustomize's order:
 * strategic-merge patches, patches, namespace, prefix, suffix, labels, annotations, JSON patches,
 * replicas, images, replacements; then the plugins configured under {@code generators:} and
 * {@code transformers:}, which must be kustomize's builtin kinds (external plugins are not run).
 */
final class Builtins {
    private Builtins() {
    }

    static List<Plugin<Generator>> generators(KustTarget target) {
        Kustomization k = target.kustomization();
        GeneratorOptions global = GeneratorOptions.fromKustomization(k.node("generatorOptions"), k.file());
        List<Plugin<Generator>> generators = new ArrayList<>();
        for (GeneratedKind kind : GeneratedKind.values()) {
            for (GeneratorArgs args : GeneratorArgs.fromKustomization(kind, k.node(kind.kustomizationField()), global, k.file())) {
                generators.add(Plugin.builtin(kind.builtinKind(), () -> List.of(generated(
                        io.mooring.render.kustomize.generate.Generator.generate(args, target.loader())))));
            }
        }
        if (!k.items("helmCharts").isEmpty() || !k.items("helmChartInflationGenerator").isEmpty()) {
            // kustomize runs Helm only with --enable-helm, which a plain build does not give.
            throw new KustomizeException(k.file(), "trouble configuring builtin HelmChartInflationGenerator: must specify --enable-helm",
                    "render the chart with Mooring's Helm renderer, or inflate it into the repository");
        }
        for (PluginConfig config : target.pluginConfigs("generators")) {
            generators.add(config.plugin(PluginConfigs.generator(config.object(), target)));
        }
        return generators;
    }

    /** A generated object, with kustomize's bookkeeping of how it merges and whether its name gets a hash. */
    static Resource generated(Generated generated) {
        Resource resource = new Resource(generated.object());
        resource.setAnnotation(Resource.GENERATOR_BEHAVIOR, generated.behavior().text());
        if (generated.needsHash()) {
            resource.setAnnotation(Resource.NEEDS_HASH, Resource.ENABLED);
        }
        return resource;
    }

    /** Only the transformers a kustomization configures: an unset field adds none (and no annotation). */
    static List<Plugin<Transformer>> transformers(KustTarget target, TransformerConfig config) {
        Kustomization k = target.kustomization();
        List<Plugin<Transformer>> transformers = new ArrayList<>();
        List<String> strategicMerge = k.strings("patchesStrategicMerge");
        if (!strategicMerge.isEmpty()) {
            transformers.add(Plugin.builtin("PatchStrategicMergeTransformer",
                    Patches.strategicMerge(strategicMerge, "", target.loader(), target.schema())));
        }
        for (JsonNode patch : k.items("patches")) {
            transformers.add(Plugin.builtin("PatchTransformer", Patches.patch(patch, target.loader(), target.schema())));
        }
        String namespace = k.string("namespace");
        if (!namespace.isEmpty()) {
            transformers.add(Plugin.builtin("NamespaceTransformer", new NamespaceTransformer(namespace, config.specs("namespace"),
                    false, NamespaceTransformer.Subjects.DEFAULT_ONLY)));
        }
        String prefix = k.string("namePrefix");
        if (!prefix.isEmpty()) {
            transformers.add(Plugin.builtin("PrefixTransformer", new NameAffixTransformer(prefix, true, config.specs("namePrefix"))));
        }
        String suffix = k.string("nameSuffix");
        if (!suffix.isEmpty()) {
            transformers.add(Plugin.builtin("SuffixTransformer", new NameAffixTransformer(suffix, false, config.specs("nameSuffix"))));
        }
        for (JsonNode label : k.items("labels")) {
            transformers.add(Plugin.builtin("LabelTransformer", labelsTransformer(label, config)));
        }
        Map<String, String> commonLabels = k.stringMap("commonLabels");
        if (!commonLabels.isEmpty()) {
            transformers.add(Plugin.builtin("LabelTransformer", new MapEntriesTransformer(commonLabels, config.specs("commonLabels"))));
        }
        Map<String, String> commonAnnotations = k.stringMap("commonAnnotations");
        if (!commonAnnotations.isEmpty()) {
            transformers.add(Plugin.builtin("AnnotationsTransformer",
                    new MapEntriesTransformer(commonAnnotations, config.specs("commonAnnotations"))));
        }
        for (JsonNode patch : k.items("patchesJson6902")) {
            transformers.add(Plugin.builtin("PatchJson6902Transformer", Patches.json6902(patch, target.loader())));
        }
        for (JsonNode replica : k.items("replicas")) {
            transformers.add(Plugin.builtin("ReplicaCountTransformer", new ReplicaTransformer(replica.path("name").asText(""),
                    replica.path("count").asLong(), config.specs("replicas"))));
        }
        for (JsonNode image : k.items("images")) {
            transformers.add(Plugin.builtin("ImageTagTransformer",
                    new ImageTransformer(ImageTransformer.Image.parse(image), config.specs("images"))));
        }
        if (!k.items("replacements").isEmpty()) {
            transformers.add(Plugin.builtin("ReplacementTransformer",
                    new ReplacementTransformer(replacements(target.loader(), k.items("replacements")))));
        }
        for (PluginConfig plugin : target.pluginConfigs("transformers")) {
            transformers.add(plugin.plugin(PluginConfigs.transformer(plugin.object(), target)));
        }
        return transformers;
    }

    /** A {@code labels} entry: metadata only, unless it asks for selectors or templates too. */
    private static Transformer labelsTransformer(JsonNode label, TransformerConfig config) {
        Map<String, String> pairs = Resource.stringMap(label.path("pairs"));
        List<FieldSpec> specs = FieldSpec.parseAll(label.path("fields"));
        if (label.path("includeSelectors").asBoolean(false)) {
            specs = TransformerConfig.mergeAll(specs, config.specs("commonLabels"));
        } else {
            specs = TransformerConfig.mergeAll(specs, config.specs("labels"));
            if (label.path("includeTemplates").asBoolean(false)) {
                specs = TransformerConfig.mergeAll(specs, config.specs("templateLabels"));
            }
        }
        return new MapEntriesTransformer(pairs, specs);
    }

    /** Inline replacements, and files of them named by {@code path}. */
    static List<JsonNode> replacements(FileLoader loader, List<JsonNode> entries) {
        List<JsonNode> result = new ArrayList<>();
        for (JsonNode entry : entries) {
            String path = entry.path("path").asText("");
            if (path.isEmpty()) {
                result.add(entry);
                continue;
            }
            if (entry.has("source") || entry.has("targets")) {
                throw new KustomizeException("cannot specify both path and inline replacement");
            }
            String source = loader.root().resolve(path).toString();
            JsonNode content = YamlReader.goYamlV2().readOne(source, loader.load(path));
            if (content.isArray()) {
                content.forEach(item -> result.add(KustomizationSchema.normalizeReplacement(source, item)));
            } else {
                result.add(KustomizationSchema.normalizeReplacement(source, content));
            }
        }
        return result;
    }
}
