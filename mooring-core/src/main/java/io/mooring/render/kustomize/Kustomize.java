package io.mooring.render.kustomize;

import io.mooring.resource.GoYamlWriter;
import io.mooring.resource.Manifest;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Kustomize, implemented natively: {@code kustomize build} with its default options (legacy
 * ordering, root-only load restrictor, no plugins, no network), printing objects byte for byte as
 * kustomize v5.5.0 does.
 */
public final class Kustomize {
    /** The names a kustomization file may have, in the order kustomize looks for them. */
    public static final List<String> FILE_NAMES = Kustomization.FILE_NAMES;

    private static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    private static final String VERSION = "kustomize-v5.5.0";

    private Kustomize() {
    }

    /**
     * Builds the kustomization in {@code dir}; the same as {@link #build(Path)}. The environment is
     * not read: kustomize v5.5.0 gives an env file's bare {@code KEY} line an empty value instead of
     * the process environment's. Kept because callers (and the compatibility harnesses) pass one.
     */
    public static List<Manifest> build(Path dir, Map<String, String> environment) {
        return build(dir);
    }

    /**
     * Builds the kustomization in {@code dir}.
     *
     * @throws io.mooring.resource.ManifestException when the input is bad; the message says where
     */
    public static List<Manifest> build(Path dir) {
        KustTarget target = KustTarget.load(FileLoader.at(dir));
        ResMap resources = target.makeCustomizedResMap();
        Kustomization kustomization = target.kustomization();
        SortOrder.apply(resources, kustomization);
        List<String> buildMetadata = kustomization.strings("buildMetadata");
        if (buildMetadata.contains("managedByLabel")) {
            new MapEntriesTransformer(Map.of(MANAGED_BY, VERSION), List.of(FieldSpec.of("metadata/labels", true)))
                    .transform(resources);
        }
        for (Resource resource : resources.resources()) {
            resource.removeBuildAnnotations();
            Map<String, String> annotations = resource.annotations();
            if (!buildMetadata.contains("originAnnotations")) {
                annotations.remove(Resource.ORIGIN);
            }
            if (!buildMetadata.contains("transformerAnnotations")) {
                annotations.remove(Resource.TRANSFORMATIONS);
            }
            // kustomize rewrites every object's annotations here, even unchanged: values become
            // strings, and an empty map ("annotations: {}") goes away.
            resource.setAnnotations(annotations);
        }
        return resources.resources().stream().map(Kustomize::manifest).toList();
    }

    /** kustomize fails where JSON cannot hold a value (NaN, infinity); so does this, naming the object. */
    private static Manifest manifest(Resource resource) {
        try {
            return new Manifest(resource.object(), resource.curId().toString(), 0, GoYamlWriter.write(resource.object()));
        } catch (IllegalArgumentException e) {
            throw new KustomizeException(resource.curId().toString(), "cannot print the object: " + e.getMessage(),
                    "JSON, and so Kubernetes, has no such value; quote it to make it a string");
        }
    }
}
