package io.mooring.sandbox.workloads.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Pods made from a workload's pod template ({@code GetPodFromTemplate}). */
public final class PodTemplates {
    private PodTemplates() {
    }

    /**
     * A pod with the template's labels, annotations, finalizers and spec, controlled by
     * {@code owner}, in the owner's namespace; name it or give it a {@code generateName} after.
     */
    public static ObjectNode pod(JsonNode template, JsonNode owner) {
        ObjectNode pod = Json.object();
        pod.put("apiVersion", "v1");
        pod.put("kind", "Pod");
        ObjectNode metadata = pod.putObject("metadata");
        metadata.put("namespace", Json.namespace(owner));
        JsonNode templateMetadata = template.path("metadata");
        for (String field : new String[]{"labels", "annotations", "finalizers"}) {
            if (templateMetadata.path(field).size() > 0) {
                metadata.set(field, templateMetadata.get(field).deepCopy());
            }
        }
        metadata.set("ownerReferences", Owners.controlledBy(owner));
        pod.set("spec", template.path("spec").isObject() ? template.get("spec").deepCopy() : Json.object());
        return pod;
    }

    /** The labels map of a pod being built, created if missing. */
    public static ObjectNode labels(ObjectNode pod) {
        return pod.withObjectProperty("metadata").withObjectProperty("labels");
    }
}
