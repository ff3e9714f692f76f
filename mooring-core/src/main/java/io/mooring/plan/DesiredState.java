package io.mooring.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.config.Application;
import io.mooring.resource.Manifest;
import io.mooring.resource.ManifestException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Turns rendered manifests into the objects a sync applies: namespaced objects without a namespace
 * go to the destination's, cluster-scoped ones lose any namespace they were given (kubectl ignores
 * it too), and each carries the tracking label and annotations. Whether a kind is namespaced comes
 * from the cluster's discovery or, for custom resources whose CRD is in the same render, from the
 * CRD's scope.
 */
public final class DesiredState {
    private DesiredState() {
    }

    /**
     * @param namespaced whether the cluster serves {@code (group, kind)} namespaced; empty when it does not serve it
     * @throws ManifestException naming the manifest when its kind is served neither by the cluster nor by a CRD in the render
     */
    public static List<ObjectNode> prepare(Application application, List<Manifest> manifests,
                                           BiFunction<String, String, Optional<Boolean>> namespaced) {
        Map<String, Boolean> fromCrds = new HashMap<>();
        for (Manifest manifest : manifests) {
            JsonNode object = manifest.object();
            if ("CustomResourceDefinition".equals(object.path("kind").asText())
                    && object.path("apiVersion").asText().startsWith("apiextensions.k8s.io/")) {
                JsonNode spec = object.path("spec");
                fromCrds.put(spec.path("group").asText() + "/" + spec.path("names").path("kind").asText(),
                        "Namespaced".equals(spec.path("scope").asText()));
            }
        }
        List<ObjectNode> desired = new ArrayList<>();
        for (Manifest manifest : manifests) {
            ObjectNode object = manifest.object().deepCopy();
            String apiVersion = object.path("apiVersion").asText();
            String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            String kind = object.path("kind").asText();
            Boolean isNamespaced = namespaced.apply(group, kind).orElse(fromCrds.get(group + "/" + kind));
            if (isNamespaced == null) {
                throw new ManifestException(manifest.source(), manifest.line(), "the cluster does not serve " + kind + " in "
                        + apiVersion + ", and no CustomResourceDefinition in this application defines it",
                        "install the CRD first (another application, or this one), or fix apiVersion and kind");
            }
            ObjectNode metadata = object.with("metadata");
            if (isNamespaced) {
                if (metadata.path("namespace").asText("").isEmpty()) {
                    String namespace = application.spec().destination().namespace();
                    metadata.put("namespace", namespace.isEmpty() ? "default" : namespace);
                }
            } else {
                metadata.remove("namespace");
            }
            Tracking.mark(object, application.name(), application.spec().environment());
            desired.add(object);
        }
        return desired;
    }
}
