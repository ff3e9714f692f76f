package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * kustomize's IAMPolicyGenerator for GKE workload identity: a ServiceAccount annotated with the
 * Google service account it acts as.
 */
final class IamPolicyGenerator {
    private IamPolicyGenerator() {
    }

    static Resource generate(JsonNode config) {
        if (!config.path("cloud").asText("").equals("gke")) {
            throw new KustomizeException("IAMPolicyGenerator: only 'cloud: gke' is supported, found '" + config.path("cloud").asText("") + "'");
        }
        JsonNode service = config.path("kubernetesService");
        JsonNode account = config.path("serviceAccount");
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        object.put("apiVersion", "v1");
        object.put("kind", "ServiceAccount");
        ObjectNode metadata = object.putObject("metadata");
        metadata.put("name", service.path("name").asText(""));
        if (!service.path("namespace").asText("").isEmpty()) {
            metadata.put("namespace", service.path("namespace").asText());
        }
        metadata.putObject("annotations").put("iam.gke.io/gcp-service-account",
                account.path("name").asText("") + "@" + account.path("projectId").asText("") + ".iam.gserviceaccount.com");
        return new Resource(object);
    }
}
