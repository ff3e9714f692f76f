package io.mooring.sandbox.workloads.statefulset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.workloads.objects.Json;
import io.mooring.sandbox.workloads.objects.Owners;
import io.mooring.sandbox.workloads.objects.PodTemplates;
import io.mooring.sandbox.workloads.objects.Revisions;

import java.util.Map;

/**
 * The identity a StatefulSet gives its pods: the name {@code <set>-<ordinal>}, the hostname and
 * subdomain, the pod-name and pod-index labels, the revision label, and one claim per volume
 * claim template named {@code <template>-<set>-<ordinal>} mounted in place of a volume of that name.
 */
final class StatefulSetPods {
    static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
    static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";

    private StatefulSetPods() {
    }

    static String podName(JsonNode set, int ordinal) {
        return Json.name(set) + "-" + ordinal;
    }

    /** The ordinal in a pod's name, or -1 when the pod is not named as one of the set's. */
    static int ordinal(JsonNode set, JsonNode pod) {
        String prefix = Json.name(set) + "-";
        String name = Json.name(pod);
        if (!name.startsWith(prefix)) {
            return -1;
        }
        try {
            int ordinal = Integer.parseInt(name.substring(prefix.length()));
            return ordinal >= 0 && Integer.toString(ordinal).equals(name.substring(prefix.length())) ? ordinal : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static String claimName(JsonNode claimTemplate, JsonNode set, int ordinal) {
        return claimTemplate.path("metadata").path("name").asText() + "-" + Json.name(set) + "-" + ordinal;
    }

    /** The pod of {@code ordinal} from a revision's template ({@code newVersionedStatefulSetPod}). */
    static ObjectNode pod(JsonNode set, JsonNode template, String revision, int ordinal) {
        ObjectNode pod = PodTemplates.pod(template, set);
        String name = podName(set, ordinal);
        pod.withObjectProperty("metadata").put("name", name);
        ObjectNode labels = PodTemplates.labels(pod);
        labels.put(POD_NAME_LABEL, name);
        labels.put(POD_INDEX_LABEL, Integer.toString(ordinal));
        labels.put(Revisions.HASH_LABEL, revision);
        ObjectNode spec = pod.withObjectProperty("spec");
        spec.put("hostname", name);
        String service = set.path("spec").path("serviceName").asText("");
        if (!service.isEmpty()) {
            spec.put("subdomain", service);
        }
        for (JsonNode claim : set.path("spec").path("volumeClaimTemplates")) {
            String volume = claim.path("metadata").path("name").asText();
            ArrayNode volumes = spec.withArrayProperty("volumes");
            for (int i = volumes.size() - 1; i >= 0; i--) {
                if (volumes.get(i).path("name").asText().equals(volume)) {
                    volumes.remove(i);
                }
            }
            ObjectNode mount = volumes.addObject();
            mount.put("name", volume);
            mount.putObject("persistentVolumeClaim").put("claimName", claimName(claim, set, ordinal));
        }
        return pod;
    }

    /**
     * The claim of a volume claim template for {@code ordinal}, labelled with the set's selector;
     * owned by the set when its retention policy deletes claims with it.
     */
    static ObjectNode claim(JsonNode set, JsonNode claimTemplate, int ordinal) {
        ObjectNode claim = Json.object();
        claim.put("apiVersion", "v1");
        claim.put("kind", "PersistentVolumeClaim");
        ObjectNode metadata = claim.putObject("metadata");
        metadata.put("name", claimName(claimTemplate, set, ordinal));
        metadata.put("namespace", Json.namespace(set));
        ObjectNode labels = metadata.putObject("labels");
        Json.labels(claimTemplate).forEach(labels::put);
        Map<String, String> selector = Json.strings(set.path("spec").path("selector").path("matchLabels"));
        selector.forEach(labels::put);
        if (claimTemplate.path("metadata").path("annotations").size() > 0) {
            metadata.set("annotations", claimTemplate.path("metadata").path("annotations").deepCopy());
        }
        if (retention(set, "whenDeleted").equals("Delete")) {
            ObjectNode ref = Owners.controllerRef(set);
            ref.remove("controller");
            metadata.putArray("ownerReferences").add(ref);
        }
        claim.set("spec", claimTemplate.path("spec").deepCopy());
        return claim;
    }

    /** The set's {@code persistentVolumeClaimRetentionPolicy} for {@code whenDeleted} or {@code whenScaled}; Retain by default. */
    static String retention(JsonNode set, String when) {
        return set.path("spec").path("persistentVolumeClaimRetentionPolicy").path(when).asText("Retain");
    }
}
