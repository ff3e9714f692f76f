package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.render.kustomize.patch.KubernetesSchema;
import io.mooring.resource.ManifestException;
import io.mooring.resource.YamlReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One kustomization directory being built. The build reads like kustomize's: accumulate resources
 * (files, bases, generated objects, components), run the transformers; then, only at the top,
 * add content hashes to generated names, fix references to renamed objects and resolve vars.
 */
final class KustTarget {
    private final FileLoader loader;
    private final Kustomization kustomization;
    /** Where this kustomization sits below the top one, when origins are tracked; null otherwise. */
    private final Origin origin;
    private final SchemaChoice schema;

    private KustTarget(FileLoader loader, Kustomization kustomization, Origin origin, SchemaChoice schema) {
        this.loader = loader;
        this.kustomization = kustomization;
        this.origin = origin;
        this.schema = schema;
        schema.offer(kustomization, loader);
    }

    /** The top kustomization of a build. */
    static KustTarget load(FileLoader loader) {
        Kustomization kustomization = Kustomization.load(loader);
        Origin origin = kustomization.strings("buildMetadata").isEmpty() ? null : Origin.ROOT;
        return new KustTarget(loader, kustomization, origin, new SchemaChoice());
    }

    Kustomization kustomization() {
        return kustomization;
    }

    FileLoader loader() {
        return loader;
    }

    /** The schema strategic merges use: built in, or the first custom one a kustomization of the build names. */
    KubernetesSchema schema() {
        return schema.get();
    }

    /** The fully built resources of this kustomization, before output ordering. */
    ResMap makeCustomizedResMap() {
        Accumulator accumulator = accumulateTarget(new Accumulator());
        new HashSuffixer().transform(accumulator.resources());
        new NameReferenceTransformer(accumulator.config().nameReferences()).transform(accumulator.resources());
        new VarResolver(accumulator.vars(), accumulator.config().specs("varReference")).transform(accumulator.resources());
        dropLocalConfig(accumulator.resources());
        return accumulator.resources();
    }

    private Accumulator accumulateTarget(Accumulator accumulator) {
        try {
            accumulateResources(accumulator, kustomization.strings("resources"));
        } catch (ManifestException e) {
            throw KustomizeException.wrap("accumulating resources", e);
        }
        accumulator.mergeConfig(loadConfigurations());
        runGenerators(accumulator);
        Accumulator result = accumulator;
        for (String component : kustomization.strings("components")) {
            result = accumulateDirectory(result, component, true);
        }
        runTransformers(result);
        if (!kustomization.strings("validators").isEmpty()) {
            throw new KustomizeException(kustomization.file(), "validators are not supported",
                    "remove the validators field; run validation as a separate step");
        }
        List<Var> vars = new ArrayList<>();
        kustomization.items("vars").forEach(v -> vars.add(Var.parse(v)));
        result.mergeVars(vars);
        return result;
    }

    private void accumulateResources(Accumulator accumulator, List<String> paths) {
        for (String path : paths) {
            if (path.contains("://") || path.startsWith("github.com/") || path.startsWith("git@")) {
                throw new KustomizeException(kustomization.file(), "remote resource '" + path + "' is not supported",
                        "vendor the remote base into the repository and refer to it by a relative path");
            }
            if (loader.isFile(path)) {
                accumulateFile(accumulator, path);
            } else if (loader.isDirectory(path)) {
                accumulateDirectory(accumulator, path, false);
            } else {
                throw new KustomizeException(kustomization.file(),
                        "'" + path + "' is neither a file nor a directory under " + loader.root(),
                        "check the path in resources; it is relative to the kustomization's directory");
            }
        }
    }

    private void accumulateFile(Accumulator accumulator, String path) {
        try {
            ResMap resources = new ResMap();
            ResourceFactory.fromYaml(loader.root().resolve(path).toString(), loader.load(path)).forEach(resources::append);
            if (origin != null) {
                String text = origin.append(path).text();
                resources.resources().forEach(r -> r.setAnnotation(Resource.ORIGIN, text));
            }
            accumulator.resources().appendAll(resources);
        } catch (ManifestException e) {
            throw KustomizeException.wrap("accumulating resources from '" + path + "'", e);
        }
    }

    /** A base (merged into {@code accumulator}) or a component (applied to it). */
    private Accumulator accumulateDirectory(Accumulator accumulator, String path, boolean component) {
        FileLoader child = loader.child(path);
        KustTarget sub;
        try {
            sub = new KustTarget(child, Kustomization.load(child), origin == null ? null : origin.append(path), schema);
        } catch (ManifestException e) {
            throw KustomizeException.wrap("couldn't make target for path '" + child.root() + "'", e);
        }
        if (component && !sub.kustomization.isComponent()) {
            throw new KustomizeException(sub.kustomization.file(), "expected kind 'Component' for path '" + child.root()
                    + "' but got '" + sub.kustomization.kind() + "'", "components must have kind: Component");
        }
        if (!component && sub.kustomization.isComponent()) {
            throw new KustomizeException(sub.kustomization.file(), "expected kind != 'Component' for path '" + child.root() + "'",
                    "list components under 'components:', not 'resources:'");
        }
        try {
            if (component) {
                return sub.accumulateTarget(accumulator);
            }
            accumulator.mergeAccumulator(sub.accumulateTarget(new Accumulator()));
            return accumulator;
        } catch (ManifestException e) {
            throw KustomizeException.wrap("recursed accumulation of path '" + child.root() + "'", e);
        }
    }

    /**
     * The kustomization's own configurations first, then the defaults: a default spec that a custom
     * one already covers (same path, type selected by the default's) is not added, so a custom
     * {@code namePrefix} for one kind replaces the default for every kind, as in kustomize.
     */
    private TransformerConfig loadConfigurations() {
        TransformerConfig config = new TransformerConfig();
        for (String path : kustomization.strings("configurations")) {
            String source = loader.root().resolve(path).toString();
            JsonNode content = YamlReader.goYamlV2().readOne(source, loader.load(path));
            config.merge(TransformerConfig.parse(path, KustomizationSchema.normalizeTransformerConfig(source, content)));
        }
        config.merge(DefaultConfig.create());
        for (String path : kustomization.strings("crds")) {
            config.merge(CrdConfig.load(loader, path));
        }
        return config;
    }

    private void runGenerators(Accumulator accumulator) {
        for (Plugin<Generator> generator : Builtins.generators(this)) {
            List<Resource> generated = generator.step().generate();
            if (origin != null) {
                String text = originOf(generator).text();
                generated.stream().filter(r -> !r.annotations().containsKey(Resource.ORIGIN))
                        .forEach(r -> r.setAnnotation(Resource.ORIGIN, text));
            }
            generated.forEach(accumulator.resources()::absorb);
        }
    }

    private void runTransformers(Accumulator accumulator) {
        ResMap resources = accumulator.resources();
        for (Plugin<Transformer> transformer : Builtins.transformers(this, accumulator.config())) {
            transformer.step().transform(resources);
            if (origin != null) {
                recordTransformation(resources, originOf(transformer));
            }
            resources.dropEmpties();
        }
    }

    /** Objects with no origin were made by the transformer; the others get it added to their transformations. */
    private static void recordTransformation(ResMap resources, Origin by) {
        for (Resource resource : resources.resources()) {
            if (!resource.annotations().containsKey(Resource.ORIGIN)) {
                resource.setAnnotation(Resource.ORIGIN, by.text());
            } else {
                String existing = resource.annotations().getOrDefault(Resource.TRANSFORMATIONS, "");
                resource.setAnnotation(Resource.TRANSFORMATIONS, existing + by.listItem());
            }
        }
    }

    private Origin originOf(Plugin<?> plugin) {
        if (plugin.configuredIn().isEmpty()) {
            return origin.configuredBy(fileName(), plugin.configuredBy());
        }
        return Origin.ROOT.configuredBy(plugin.configuredIn(), plugin.configuredBy());
    }

    private String fileName() {
        return Path.of(kustomization.file()).getFileName().toString();
    }

    /**
     * The plugin config objects of {@code generators:} or {@code transformers:}: each entry is
     * inline YAML, a file, or a kustomization directory whose output is the configs.
     */
    List<PluginConfig> pluginConfigs(String field) {
        List<PluginConfig> configs = new ArrayList<>();
        for (String entry : kustomization.strings(field)) {
            List<Resource> inline = inlineResources(entry);
            if (!inline.isEmpty()) {
                inline.forEach(r -> configs.add(new PluginConfig(r, "")));
                continue;
            }
            Accumulator fromPath = new Accumulator();
            accumulateResources(fromPath, List.of(entry));
            fromPath.resources().resources().forEach(r -> configs.add(new PluginConfig(r, Origin.pathOf(r))));
        }
        return configs;
    }

    private static List<Resource> inlineResources(String entry) {
        try {
            return ResourceFactory.fromYaml("inline", entry);
        } catch (ManifestException e) {
            return List.of();
        }
    }

    /** Objects annotated {@code config.kubernetes.io/local-config: "true"} are inputs, not output. */
    private static void dropLocalConfig(ResMap resources) {
        for (Resource resource : resources.resources()) {
            if ("true".equals(resource.annotations().get("config.kubernetes.io/local-config"))) {
                resources.remove(resource);
            }
        }
    }
}
