package io.mooring.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mooring.resource.Manifest;
import io.mooring.resource.ResourceKey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies rendered app environments into a cluster in the order a cluster accepts them: every
 * Namespace and CustomResourceDefinition of every app first (the objects of one app may live in a
 * namespace that another app declares), then the rest, app by app. One object's failure does not
 * stop the others.
 */
final class AppApply {
    private static final Set<String> FIRST = Set.of("Namespace", "CustomResourceDefinition");

    private AppApply() {
    }

    /** What happened to one app environment's objects. */
    record Outcome(RenderedApp app, int applied, List<String> errors) {
    }

    static List<Outcome> apply(ClusterApply cluster, List<RenderedApp> apps) {
        Map<RenderedApp, Progress> progress = new LinkedHashMap<>();
        apps.forEach(app -> progress.put(app, new Progress()));
        for (boolean first : List.of(true, false)) {
            for (RenderedApp app : apps) {
                for (Manifest manifest : app.manifests()) {
                    if (FIRST.contains(manifest.object().path("kind").asText()) == first) {
                        progress.get(app).apply(cluster, (ObjectNode) manifest.object(), app.namespace());
                    }
                }
            }
        }
        return apps.stream().map(app -> new Outcome(app, progress.get(app).applied, progress.get(app).errors)).toList();
    }

    private static final class Progress {
        int applied;
        final List<String> errors = new ArrayList<>();

        void apply(ClusterApply cluster, ObjectNode object, String namespace) {
            try {
                cluster.apply(object, namespace);
                applied++;
            } catch (KubernetesClientException e) {
                ResourceKey key = ResourceKey.of(object);
                String where = key.namespace().isEmpty() && namespace != null ? " (into namespace " + namespace + ")" : "";
                errors.add(key + where + ": " + (e.getStatus() != null && e.getStatus().getMessage() != null
                        ? e.getStatus().getMessage() : e.getMessage()));
            }
        }
    }
}
