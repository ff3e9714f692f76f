package io.mooring.web.portal;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which images the Applications' workloads run, read from the live objects (what runs, not what
 * Git asks for): one list per namespace and kind, not a read per object.
 */
final class Workloads {
    private static final Map<String, String> KINDS = Map.of("Deployment", "apps/v1", "StatefulSet", "apps/v1", "DaemonSet", "apps/v1",
            "CronJob", "batch/v1");

    private Workloads() {
    }

    /** Per Application ({@code namespace/name}), the images of the workloads its status lists, in order, without repeats. */
    static Map<String, List<String>> images(KubernetesClient client, List<? extends JsonNode> applications) {
        Map<String, Map<String, JsonNode>> listed = new HashMap<>();
        Map<String, List<String>> images = new HashMap<>();
        for (JsonNode app : applications) {
            Set<String> found = new LinkedHashSet<>();
            for (JsonNode resource : app.path("status").path("resources")) {
                String kind = resource.path("kind").asText();
                String namespace = resource.path("namespace").asText("");
                if (!KINDS.containsKey(kind) || namespace.isEmpty()) {
                    continue;
                }
                JsonNode live = listed.computeIfAbsent(namespace + "/" + kind, k -> list(client, namespace, kind))
                        .get(resource.path("name").asText());
                if (live != null) {
                    JsonNode pod = kind.equals("CronJob") ? live.path("spec").path("jobTemplate").path("spec").path("template")
                            : live.path("spec").path("template");
                    pod.path("spec").path("containers").forEach(c -> found.add(c.path("image").asText()));
                }
            }
            images.put(app.path("metadata").path("namespace").asText() + "/" + app.path("metadata").path("name").asText(), new ArrayList<>(found));
        }
        return images;
    }

    private static Map<String, JsonNode> list(KubernetesClient client, String namespace, String kind) {
        Map<String, JsonNode> byName = new HashMap<>();
        try {
            for (GenericKubernetesResource item : client.genericKubernetesResources(KINDS.get(kind), kind).inNamespace(namespace).list().getItems()) {
                byName.put(item.getMetadata().getName(), client.getKubernetesSerialization().convertValue(item, JsonNode.class));
            }
        } catch (KubernetesClientException e) {
            // A namespace gone or not readable: its workloads show no image rather than failing the page.
        }
        return byName;
    }
}
