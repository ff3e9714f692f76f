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

    static List<Generator> generators(KustTarget target) {
        Kustomization k = target.kustomization();
        GeneratorOptions global = GeneratorOptions.fromKustomization(k.node("generatorOptions"), k.file());
        List<Generator> generators = new ArrayList<>();
        for (GeneratedKind kind : GeneratedKind.values()) {
            for (GeneratorArgs args : GeneratorArgs.fromKustomization(kind, k.node(kind.kustomizationField()), global, k.file())) {
                generators.add(() -> List.of(generated(
                        io.mooring.render.kustomize.generate.Generator.generate(args, target.loader(), target.environment()))));
            }
        }
        for (Resource config : target.pluginConfigs("generators")) {
            generators.add(PluginConfigs.generator(config, target));
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

    static List<Transformer> transformers(KustTarget target, TransformerConfig config) {
        Kustomization k = target.kustomization();
        List<Transformer> transformers = new ArrayList<>();
        transformers.add(new NamespaceTransformer(k.string("namespace"), config.specs("namespace"), false));
        transformers.add(new NameAffixTransformer(k.string("namePrefix"), true, config.specs("namePrefix")));
        transformers.add(new NameAffixTransformer(k.string("nameSuffix"), false, config.specs("nameSuffix")));
        for (JsonNode label : k.items("labels")) {
            transformers.add(labelsTransformer(label, config));
        }
        transformers.add(new MapEntriesTransformer(k.stringMap("commonLabels"), config.specs("commonLabels")));
        transformers.add(new MapEntriesTransformer(k.stringMap("commonAnnotations"), config.specs("commonAnnotations")));
        for (JsonNode replica : k.items("replicas")) {
            transformers.add(new ReplicaTransformer(replica.path("name").asText(""), replica.path("count").asLong(),
                    config.specs("replicas")));
        }
        for (JsonNode image : k.items("images")) {
            transformers.add(new ImageTransformer(ImageTransformer.Image.parse(image), config.specs("images")));
        }
        if (!k.items("replacements").isEmpty()) {
            transformers.add(new ReplacementTransformer(replacements(target.loader(), k.items("replacements"))));
        }
        for (Resource plugin : target.pluginConfigs("transformers")) {
            transformers.add(PluginConfigs.transformer(plugin, target));
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
            specs = TransformerConfig.mergeOne(specs, FieldSpec.of("metadata/labels", true));
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
            JsonNode content = new YamlReader().readOne(loader.root().resolve(path).toString(), loader.load(path));
            if (content.isArray()) {
                content.forEach(result::add);
            } else {
                result.add(content);
            }
        }
        return result;
    }
}
