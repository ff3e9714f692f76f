package io.mooring.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mooring.cluster.ClusterClient;
import io.mooring.cluster.ResourceType;
import io.mooring.cluster.UnknownKindException;
import io.mooring.resource.Manifest;
import io.mooring.resource.ResourceKey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies rendered app environments into a cluster (server-side apply through
 * {@link ClusterClient}) in the order a cluster accepts them: every Namespace and
 * CustomResourceDefinition of every app first (the objects of one app may live in a namespace
 * that another app declares), then the rest, app by app. A namespaced object that its render left
 * without a namespace goes into its app's namespace, or the kubeconfig's, as {@code kubectl apply}
 * puts it. One object's failure does not stop the others.
 */
final class AppApply {
    private static final Set<String> FIRST = Set.of("Namespace", "CustomResourceDefinition");

    private AppApply() {
    }

    /** What happened to one app environment's objects. */
    record Outcome(RenderedApp app, int applied, List<String> errors) {
    }

    static List<Outcome> apply(ClusterClient cluster, List<RenderedApp> apps) {
        Map<RenderedApp, Progress> progress = new LinkedHashMap<>();
        apps.forEach(app -> progress.put(app, new Progress()));
        for (boolean first : List.of(true, false)) {
            for (RenderedApp app : apps) {
                for (Manifest manifest : app.manifests()) {
                    if (FIRST.contains(manifest.object().path("kind").asText()) == first) {
                        progress.get(app).apply(cluster, manifest.object(), app.namespace());
                    }
                }
            }
        }
        return apps.stream().map(app -> new Outcome(app, progress.get(app).applied, progress.get(app).errors)).toList();
    }

    private static final class Progress {
        int applied;
        final List<String> errors = new ArrayList<>();

        void apply(ClusterClient cluster, ObjectNode object, String namespace) {
            try {
                cluster.apply(placed(cluster, object, namespace), false);
                applied++;
            } catch (UnknownKindException e) {
                errors.add(ResourceKey.of(object) + ": " + e.getMessage());
            } catch (KubernetesClientException e) {
                errors.add(ResourceKey.of(object) + ": " + (e.getStatus() != null && e.getStatus().getMessage() != null
                        ? e.getStatus().getMessage() : e.getMessage()));
            }
        }

        /** The object with the namespace it goes to, when it is namespaced and names none. */
        private static ObjectNode placed(ClusterClient cluster, ObjectNode object, String namespace) {
            if (!object.path("metadata").path("namespace").asText("").isEmpty()) {
                return object;
            }
            String apiVersion = object.path("apiVersion").asText();
            String kind = object.path("kind").asText();
            ResourceType type = cluster.types().forObject(apiVersion, kind).orElseThrow(() -> new UnknownKindException(apiVersion, kind));
            if (!type.namespaced()) {
                return object;
            }
            ObjectNode placed = object.deepCopy();
            placed.with("metadata").put("namespace", namespace != null ? namespace : cluster.client().getNamespace());
            return placed;
        }
    }
}
