package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.resource.ManifestException;
import io.mooring.resource.YamlReader;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One kustomization directory being built. The build reads like kustomize's: accumulate resources
 * (files, bases, generated objects, components), run the transformers; then, only at the top,
 * add content hashes to generated names, fix references to renamed objects and resolve vars.
 */
final class KustTarget {
    private final FileLoader loader;
    private final Kustomization kustomization;
    private final Map<String, String> environment;

    private KustTarget(FileLoader loader, Kustomization kustomization, Map<String, String> environment) {
        this.loader = loader;
        this.kustomization = kustomization;
        this.environment = environment;
    }

    /**
     * @param environment what env files' bare {@code KEY} lines read, as kustomize reads the process environment
     */
    static KustTarget load(FileLoader loader, Map<String, String> environment) {
        return new KustTarget(loader, Kustomization.load(loader), environment);
    }

    Kustomization kustomization() {
        return kustomization;
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
        kustomization.items("vars").forEach(v -> vars.add(Var.parse(kustomization.file(), v)));
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
                try {
                    ResMap resources = new ResMap();
                    ResourceFactory.fromYaml(loader.root().resolve(path).toString(), loader.load(path)).forEach(resources::append);
                    accumulator.resources().appendAll(resources);
                } catch (ManifestException e) {
                    throw KustomizeException.wrap("accumulating resources from '" + path + "'", e);
                }
            } else if (loader.isDirectory(path)) {
                Accumulator merged = accumulateDirectory(accumulator, path, false);
                if (merged != accumulator) {
                    throw new IllegalStateException("a base must merge into its parent");
                }
            } else {
                throw new KustomizeException(kustomization.file(),
                        "'" + path + "' is neither a file nor a directory under " + loader.root(),
                        "check the path in resources; it is relative to the kustomization's directory");
            }
        }
    }

    /** A base (merged into {@code accumulator}) or a component (applied to it). */
    private Accumulator accumulateDirectory(Accumulator accumulator, String path, boolean component) {
        FileLoader child = loader.child(path);
        KustTarget sub;
        try {
            sub = KustTarget.load(child, environment);
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

    private TransformerConfig loadConfigurations() {
        TransformerConfig config = DefaultConfig.create();
        YamlReader reader = new YamlReader();
        for (String path : kustomization.strings("configurations")) {
            JsonNode content = reader.readOne(loader.root().resolve(path).toString(), loader.load(path));
            config.merge(TransformerConfig.parse(path, content));
        }
        for (String path : kustomization.strings("crds")) {
            config.merge(CrdConfig.load(loader, path));
        }
        return config;
    }

    private void runGenerators(Accumulator accumulator) {
        for (Generator generator : Builtins.generators(this)) {
            generator.generate().forEach(accumulator.resources()::absorb);
        }
    }

    private void runTransformers(Accumulator accumulator) {
        for (Transformer transformer : Builtins.transformers(this, accumulator.config())) {
            transformer.transform(accumulator.resources());
        }
    }

    FileLoader loader() {
        return loader;
    }

    Map<String, String> environment() {
        return environment;
    }

    /**
     * The plugin config objects of {@code generators:} or {@code transformers:}: each entry is
     * inline YAML, a file, or a kustomization directory whose output is the configs.
     */
    List<Resource> pluginConfigs(String field) {
        List<Resource> configs = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (String entry : kustomization.strings(field)) {
            List<Resource> inline = inlineResources(entry);
            if (inline.isEmpty()) {
                paths.add(entry);
            } else {
                configs.addAll(inline);
            }
        }
        Accumulator fromPaths = new Accumulator();
        accumulateResources(fromPaths, paths);
        configs.addAll(fromPaths.resources().resources());
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
