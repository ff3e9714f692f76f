package io.mooring.sandbox.cluster.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.cluster.Nodes;
import io.mooring.sandbox.cluster.Selectors;
import io.mooring.sandbox.cluster.defaults.Quantity;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** Which volume fits which claim, and the volume a provisioner makes for one: pure functions. */
final class VolumeMatching {
    /** Where provisioned volumes claim to live; nothing is created there. */
    static final String VOLUME_ROOT = "/var/lib/mooring-sandbox/volumes/";

    private VolumeMatching() {
    }

    /**
     * An available volume fits a claim when it is not promised to another claim, has the same
     * class and volume mode, offers every requested access mode, is at least as large as the
     * request, and carries the labels the claim's selector asks for.
     */
    static boolean fits(JsonNode volume, JsonNode claim) {
        if (!Nodes.text(volume, "status", "phase").equals("Available") || volume.path("metadata").has("deletionTimestamp")) {
            return false;
        }
        JsonNode ref = volume.path("spec").path("claimRef");
        if (!ref.isMissingNode() && !ref.isNull() && !refersTo(ref, claim)) {
            return false;
        }
        JsonNode spec = claim.path("spec");
        if (!Nodes.text(volume, "spec", "storageClassName").equals(spec.path("storageClassName").asText(""))) {
            return false;
        }
        if (!Nodes.text(volume, "spec", "volumeMode").equals(spec.path("volumeMode").asText("Filesystem"))) {
            return false;
        }
        if (!new HashSet<>(Nodes.strings(volume.path("spec"), "accessModes")).containsAll(Nodes.strings(spec, "accessModes"))) {
            return false;
        }
        if (size(volume.path("spec").path("capacity")).compareTo(size(spec.path("resources").path("requests"))) < 0) {
            return false;
        }
        return Selectors.of(spec.get("selector")).map(s -> s.matches(Nodes.stringMap(volume.path("metadata"), "labels"))).orElse(true);
    }

    static Optional<ObjectNode> smallest(List<ObjectNode> volumes) {
        return volumes.stream().min(Comparator.comparing((ObjectNode v) -> size(v.path("spec").path("capacity")))
                .thenComparing(v -> Nodes.text(v, "metadata", "name")));
    }

    /** A claim naming a volume may bind it when the volume is free or already promised to that claim. */
    static boolean claimRefAllows(JsonNode volume, JsonNode claim) {
        JsonNode ref = volume.path("spec").path("claimRef");
        return ref.isMissingNode() || ref.isNull() || refersTo(ref, claim);
    }

    static boolean refersTo(JsonNode ref, JsonNode claim) {
        String uid = ref.path("uid").asText("");
        return ref.path("name").asText("").equals(Nodes.text(claim, "metadata", "name"))
                && ref.path("namespace").asText("").equals(Nodes.text(claim, "metadata", "namespace"))
                && (uid.isEmpty() || uid.equals(Nodes.text(claim, "metadata", "uid")));
    }

    static ObjectNode claimRef(JsonNode claim) {
        ObjectNode ref = Nodes.JSON.objectNode();
        ref.put("apiVersion", "v1");
        ref.put("kind", "PersistentVolumeClaim");
        ref.put("name", Nodes.text(claim, "metadata", "name"));
        ref.put("namespace", Nodes.text(claim, "metadata", "namespace"));
        ref.put("resourceVersion", Nodes.text(claim, "metadata", "resourceVersion"));
        ref.put("uid", Nodes.text(claim, "metadata", "uid"));
        return ref;
    }

    /** The volume a provisioner creates for a claim: named after the claim's uid, exactly the requested size, promised to it. */
    static ObjectNode provisioned(JsonNode claim, JsonNode storageClass, String node) {
        String name = "pvc-" + Nodes.text(claim, "metadata", "uid");
        ObjectNode volume = Nodes.JSON.objectNode();
        volume.put("apiVersion", "v1");
        volume.put("kind", "PersistentVolume");
        ObjectNode metadata = volume.putObject("metadata");
        metadata.put("name", name);
        metadata.putObject("annotations").put(VolumeController.PROVISIONED_BY, Nodes.text(storageClass, "provisioner"));
        ObjectNode spec = volume.putObject("spec");
        spec.set("accessModes", claim.path("spec").path("accessModes").deepCopy());
        spec.putObject("capacity").put("storage", Nodes.text(claim, "spec", "resources", "requests", "storage"));
        spec.set("claimRef", claimRef(claim));
        ObjectNode hostPath = spec.putObject("hostPath");
        hostPath.put("path", VOLUME_ROOT + name);
        hostPath.put("type", "DirectoryOrCreate");
        if (!node.isEmpty()) {
            ObjectNode expression = spec.putObject("nodeAffinity").putObject("required").putArray("nodeSelectorTerms").addObject()
                    .putArray("matchExpressions").addObject();
            expression.put("key", "kubernetes.io/hostname");
            expression.put("operator", "In");
            expression.putArray("values").add(node);
        }
        spec.put("persistentVolumeReclaimPolicy", storageClass.path("reclaimPolicy").asText("Delete"));
        spec.put("storageClassName", Nodes.text(storageClass, "metadata", "name"));
        spec.put("volumeMode", claim.path("spec").path("volumeMode").asText("Filesystem"));
        if (storageClass.has("mountOptions")) {
            spec.set("mountOptions", storageClass.get("mountOptions").deepCopy());
        }
        return volume;
    }

    private static BigDecimal size(JsonNode resources) {
        JsonNode storage = resources.path("storage");
        return storage.isMissingNode() || storage.isNull() ? BigDecimal.ZERO : Quantity.value(storage.asText());
    }
}
