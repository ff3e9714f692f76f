package io.mooring.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.policy.jmespath.JsonValues;
import io.mooring.policy.value.ImageReference;

import java.util.Optional;

/**
 * The {@code images} variable: every container image of a workload, by container list and
 * container name ({@code images.containers.web.registry}), found where the kind keeps its pod
 * template.
 */
final class ImageInfos {
    private static final String[] LISTS = {"initContainers", "containers", "ephemeralContainers"};

    private ImageInfos() {
    }

    static ObjectNode of(JsonNode object) {
        ObjectNode images = JsonValues.object();
        JsonNode podSpec = podSpec(object);
        if (podSpec == null || !podSpec.isObject()) {
            return images;
        }
        for (String list : LISTS) {
            JsonNode containers = podSpec.get(list);
            if (containers == null || !containers.isArray()) {
                continue;
            }
            ObjectNode byName = JsonValues.object();
            for (JsonNode container : containers) {
                JsonNode image = container.get("image");
                JsonNode name = container.get("name");
                if (image == null || !image.isTextual() || name == null || !name.isTextual()) {
                    continue;
                }
                info(image.textValue()).ifPresent(info -> byName.set(name.textValue(), info));
            }
            if (!byName.isEmpty()) {
                images.set(list, byName);
            }
        }
        return images;
    }

    private static JsonNode podSpec(JsonNode object) {
        String kind = object.path("kind").asText("");
        return switch (kind) {
            case "Pod" -> object.get("spec");
            case "CronJob" -> object.path("spec").path("jobTemplate").path("spec").path("template").get("spec");
            case "Deployment", "StatefulSet", "DaemonSet", "Job", "ReplicaSet", "ReplicationController" ->
                    object.path("spec").path("template").get("spec");
            default -> null;
        };
    }

    private static Optional<ObjectNode> info(String image) {
        return ImageReference.parse(image).map(ref -> {
            ObjectNode info = JsonValues.object();
            info.put("registry", ref.registry());
            info.put("name", ref.name());
            info.put("path", ref.path());
            if (!ref.tag().isEmpty()) {
                info.put("tag", ref.tag());
            }
            if (!ref.digest().isEmpty()) {
                info.put("digest", ref.digest());
            }
            info.put("reference", ref.reference());
            info.put("referenceWithTag", ref.referenceWithTag());
            return info;
        });
    }
}
