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
        return resources.resources().stream().map(Kustomize::print).toList();
    }

    /**
     * kustomize prints an object by decoding it into Go values and marshalling them to JSON (see
     * {@link PrintedValues}): text that a transformer left where its type cannot hold it, and what
     * JSON cannot hold (NaN, infinity), fail the build, naming the object.
     */
    private static Manifest print(Resource resource) {
        String id = resource.curId().toString();
        try {
            ObjectNode object = (ObjectNode) PrintedValues.decode(resource.object());
            return new Manifest(object, id, 0, GoYamlWriter.write(object));
        } catch (KustomizeException e) {
            throw new KustomizeException(id, "cannot print the object: " + e.problem(),
                    "a replacement put text into a number, boolean or null field; quote that field in the target to make it a string");
        } catch (IllegalArgumentException e) {
            throw new KustomizeException(id, "cannot print the object: " + e.getMessage(),
                    "JSON, and so Kubernetes, has no such value; quote it to make it a string");
        }
    }
}
