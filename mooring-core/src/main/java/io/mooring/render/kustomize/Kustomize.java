package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
    /** What kustomize v5.5.0 inside kubectl 1.32 writes: the library carries no release version, so "(devel)". */
    private static final String VERSION = "kustomize-(devel)";

    private Kustomize() {
    }

    /**
     * Builds the kustomization in {@code dir}.
     *
     * @param environment what env files' bare {@code KEY} lines read (kustomize reads the process environment)
     * @throws io.mooring.resource.ManifestException when the input is bad; the message says where
     */
    public static List<Manifest> build(Path dir, Map<String, String> environment) {
        KustTarget target = KustTarget.load(FileLoader.at(dir), environment);
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
            if (!buildMetadata.contains("originAnnotations")) {
                resource.removeAnnotation(Resource.ORIGIN);
            }
            if (!buildMetadata.contains("transformerAnnotations")) {
                resource.removeAnnotation(Resource.TRANSFORMATIONS);
            }
        }
        return resources.resources().stream().map(Kustomize::print).toList();
    }

    /**
     * kustomize prints an object by decoding it into Go values and marshalling them to JSON: see
     * {@link PrintedValues}; and what JSON cannot hold (an infinite number) fails the build.
     */
    private static Manifest print(Resource resource) {
        ObjectNode object;
        try {
            object = (ObjectNode) PrintedValues.decode(resource.object());
        } catch (KustomizeException e) {
            throw new KustomizeException("unable to print " + resource.curId() + ": " + e.problem());
        }
        try {
            return new Manifest(object, resource.curId().toString(), 0, GoYamlWriter.write(object));
        } catch (IllegalArgumentException e) {
            throw new KustomizeException("unable to print " + resource.curId() + ": " + e.getMessage());
        }
    }
}
