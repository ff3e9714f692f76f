package io.mooring.sandbox.cluster.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.api.ResourceApi;
import io.mooring.sandbox.api.WriteOptions;
import io.mooring.sandbox.catalog.ResourceType;
import io.mooring.sandbox.cluster.Nodes;
import io.mooring.sandbox.control.Controller;
import io.mooring.sandbox.store.ApiException;
import io.mooring.sandbox.store.WatchEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The persistent volume controllers of a cluster with a simulated provisioner: a pending claim
 * binds to the smallest available volume that fits it, or (when its class has a provisioner)
 * to a volume provisioned for it, at once or, for {@code WaitForFirstConsumer} classes, once a
 * scheduled pod uses it; claim and volume then both read Bound. A volume whose claim is gone is
 * Released, and deleted when its reclaim policy says Delete. The protection finalizers come off
 * a claim no running pod uses and a volume no claim holds. Pods' ephemeral volumes get their
 * claims. Nothing is written to disk: volumes are hostPath entries that no kubelet mounts.
 */
public final class VolumeController implements Controller {
    static final String BIND_COMPLETED = "pv.kubernetes.io/bind-completed";
    static final String BOUND_BY_CONTROLLER = "pv.kubernetes.io/bound-by-controller";
    static final String PROVISIONED_BY = "pv.kubernetes.io/provisioned-by";
    static final String SELECTED_NODE = "volume.kubernetes.io/selected-node";
    private static final WriteOptions WRITER = WriteOptions.by("kube-controller-manager");

    private final ResourceApi api;
    private final ResourceType claims;
    private final ResourceType volumes;
    private final Set<String> dirtyClaims = new LinkedHashSet<>();
    private final Set<String> dirtyVolumes = new LinkedHashSet<>();
    private final Set<String> dirtyPods = new LinkedHashSet<>();

    public VolumeController(ResourceApi api) {
        this.api = api;
        this.claims = api.catalog().byPlural("", "v1", "persistentvolumeclaims").orElseThrow();
        this.volumes = api.catalog().byPlural("", "v1", "persistentvolumes").orElseThrow();
    }

    @Override
    public String name() {
        return "persistentvolume-controller";
    }

    @Override
    public Set<String> watches() {
        return Set.of("/persistentvolumeclaims", "/persistentvolumes", "/pods");
    }

    @Override
    public void onEvent(WatchEvent event) {
        ObjectNode object = event.object();
        String namespace = Nodes.text(object, "metadata", "namespace");
        String name = Nodes.text(object, "metadata", "name");
        switch (event.typeKey()) {
            case "/persistentvolumeclaims" -> {
                dirtyClaims.add(namespace + "/" + name);
                String volume = Nodes.text(object, "spec", "volumeName");
                if (!volume.isEmpty()) {
                    dirtyVolumes.add(volume);
                }
            }
            case "/persistentvolumes" -> {
                dirtyVolumes.add(name);
                JsonNode ref = object.path("spec").path("claimRef");
                if (!ref.isMissingNode()) {
                    dirtyClaims.add(ref.path("namespace").asText("") + "/" + ref.path("name").asText(""));
                }
            }
            default -> {
                claimNames(object).forEach(claim -> dirtyClaims.add(namespace + "/" + claim));
                boolean ephemeral = object.path("spec").path("volumes").findValue("ephemeral") != null;
                if (ephemeral && event.type() != WatchEvent.Type.DELETED && !object.path("metadata").has("deletionTimestamp")) {
                    dirtyPods.add(namespace + "/" + name);
                }
            }
        }
        tick(Instant.now());
    }

    @Override
    public void tick(Instant now) {
        drain(dirtyPods, this::ephemeralClaims);
        drain(dirtyClaims, this::syncClaim);
        drain(dirtyVolumes, this::syncVolume);
    }

    private static void drain(Set<String> queue, java.util.function.Consumer<String> work) {
        for (String key : List.copyOf(queue)) {
            queue.remove(key);
            try {
                work.accept(key);
            } catch (ApiException e) {
                if (e.code() != 404) {
                    queue.add(key);
                }
            }
        }
    }

    // ---- claims

    private void syncClaim(String key) {
        int slash = key.indexOf('/');
        String namespace = key.substring(0, slash);
        String name = key.substring(slash + 1);
        Optional<ObjectNode> found = api.store().get(ResourceApi.typeKey(claims), namespace, name);
        if (found.isEmpty()) {
            return;
        }
        ObjectNode claim = found.get();
        if (claim.path("metadata").has("deletionTimestamp")) {
            if (!inUse(claim)) {
                removeFinalizer(claims, claim, StorageAdmission.CLAIM_PROTECTION);
            }
            return;
        }
        String phase = Nodes.text(claim, "status", "phase");
        if (phase.equals("Bound")) {
            if (api.store().get(ResourceApi.typeKey(volumes), "", Nodes.text(claim, "spec", "volumeName")).isEmpty()) {
                setPhase(claims, claim, "Lost");
            }
            return;
        }
        if (phase.equals("Lost")) {
            return;
        }
        String volumeName = Nodes.text(claim, "spec", "volumeName");
        if (!volumeName.isEmpty()) {
            api.store().get(ResourceApi.typeKey(volumes), "", volumeName)
                    .filter(pv -> VolumeMatching.claimRefAllows(pv, claim))
                    .ifPresent(pv -> bind(claim, pv, false));
            return;
        }
        List<ObjectNode> available = api.store().list(ResourceApi.typeKey(volumes), null, pv -> VolumeMatching.fits(pv, claim)).items();
        Optional<ObjectNode> match = VolumeMatching.smallest(available);
        if (match.isPresent()) {
            bind(claim, match.get(), true);
            return;
        }
        String className = Nodes.text(claim, "spec", "storageClassName");
        Optional<ObjectNode> storageClass = className.isEmpty() ? Optional.empty()
                : api.store().get("storage.k8s.io/storageclasses", "", className);
        if (storageClass.isEmpty() || Nodes.text(storageClass.get(), "provisioner").equals("kubernetes.io/no-provisioner")) {
            return;
        }
        String node = Nodes.text(claim, "metadata", "annotations", SELECTED_NODE);
        if (Nodes.text(storageClass.get(), "volumeBindingMode").equals("WaitForFirstConsumer") && node.isEmpty()) {
            node = consumerNode(claim);
            if (node.isEmpty()) {
                return;
            }
        }
        provision(claim, storageClass.get(), node);
    }

    /** Creates the volume for the claim, then binds them. */
    private void provision(ObjectNode claim, ObjectNode storageClass, String node) {
        String provisioner = Nodes.text(storageClass, "provisioner");
        ObjectNode annotations = Nodes.object(Nodes.object(claim, "metadata"), "annotations");
        annotations.put("volume.beta.kubernetes.io/storage-provisioner", provisioner);
        annotations.put("volume.kubernetes.io/storage-provisioner", provisioner);
        if (!node.isEmpty()) {
            annotations.put(SELECTED_NODE, node);
        }
        ObjectNode annotated = api.update(claims, Nodes.text(claim, "metadata", "namespace"), Nodes.text(claim, "metadata", "name"),
                claim, "", WRITER);
        ObjectNode volume = VolumeMatching.provisioned(annotated, storageClass, node);
        ObjectNode created;
        try {
            created = api.create(volumes, "", volume, WRITER);
        } catch (ApiException e) {
            if (e.code() != 409) {
                throw e;
            }
            created = api.get(volumes, "", Nodes.text(volume, "metadata", "name"));
        }
        bind(annotated, created, true);
    }

    /** The volume names the claim, the volume reads Bound, then the claim does too. */
    private void bind(ObjectNode claim, ObjectNode volume, boolean byController) {
        String volumeName = Nodes.text(volume, "metadata", "name");
        ObjectNode pv = volume.deepCopy();
        if (!VolumeMatching.refersTo(pv.path("spec").path("claimRef"), claim)) {
            Nodes.object(pv, "spec").set("claimRef", VolumeMatching.claimRef(claim));
            Nodes.object(Nodes.object(pv, "metadata"), "annotations").put(BOUND_BY_CONTROLLER, "yes");
            pv = api.update(volumes, "", volumeName, pv, "", WRITER);
        }
        if (!Nodes.text(pv, "status", "phase").equals("Bound")) {
            Nodes.object(pv, "status").put("phase", "Bound");
            pv = api.update(volumes, "", volumeName, pv, "status", WRITER);
        }
        ObjectNode pvc = claim.deepCopy();
        String namespace = Nodes.text(pvc, "metadata", "namespace");
        String name = Nodes.text(pvc, "metadata", "name");
        Nodes.object(pvc, "spec").put("volumeName", volumeName);
        ObjectNode annotations = Nodes.object(Nodes.object(pvc, "metadata"), "annotations");
        annotations.put(BIND_COMPLETED, "yes");
        if (byController) {
            annotations.put(BOUND_BY_CONTROLLER, "yes");
        }
        pvc = api.update(claims, namespace, name, pvc, "", WRITER);
        ObjectNode status = Nodes.object(pvc, "status");
        status.put("phase", "Bound");
        status.set("accessModes", pv.path("spec").path("accessModes").deepCopy());
        status.set("capacity", pv.path("spec").path("capacity").deepCopy());
        api.update(claims, namespace, name, pvc, "status", WRITER);
    }

    /** A pod not finished yet mounts the claim. */
    private boolean inUse(ObjectNode claim) {
        String name = Nodes.text(claim, "metadata", "name");
        return !api.store().list("/pods", Nodes.text(claim, "metadata", "namespace"), pod -> {
            String phase = Nodes.text(pod, "status", "phase");
            return !phase.equals("Succeeded") && !phase.equals("Failed") && claimNames(pod).contains(name);
        }).items().isEmpty();
    }

    /** The node of a scheduled pod that uses the claim, or empty. */
    private String consumerNode(ObjectNode claim) {
        String name = Nodes.text(claim, "metadata", "name");
        return api.store().list("/pods", Nodes.text(claim, "metadata", "namespace"),
                        pod -> !Nodes.text(pod, "spec", "nodeName").isEmpty() && claimNames(pod).contains(name))
                .items().stream().map(pod -> Nodes.text(pod, "spec", "nodeName")).findFirst().orElse("");
    }

    /** The claims a pod mounts, its ephemeral volumes' included (named pod-volume). */
    static List<String> claimNames(JsonNode pod) {
        List<String> names = new ArrayList<>();
        for (JsonNode volume : pod.path("spec").path("volumes")) {
            if (volume.has("persistentVolumeClaim")) {
                names.add(volume.path("persistentVolumeClaim").path("claimName").asText(""));
            } else if (volume.has("ephemeral")) {
                names.add(Nodes.text(pod, "metadata", "name") + "-" + volume.path("name").asText(""));
            }
        }
        return names;
    }

    // ---- volumes

    private void syncVolume(String name) {
        Optional<ObjectNode> found = api.store().get(ResourceApi.typeKey(volumes), "", name);
        if (found.isEmpty()) {
            return;
        }
        ObjectNode volume = found.get();
        String phase = Nodes.text(volume, "status", "phase");
        if (volume.path("metadata").has("deletionTimestamp")) {
            if (!phase.equals("Bound")) {
                removeFinalizer(volumes, volume, StorageAdmission.VOLUME_PROTECTION);
            }
            return;
        }
        JsonNode ref = volume.path("spec").path("claimRef");
        if (ref.isMissingNode() || ref.isNull()) {
            if (phase.equals("Pending") || phase.isEmpty()) {
                setPhase(volumes, volume, "Available");
            }
            return;
        }
        Optional<ObjectNode> claim = api.store().get(ResourceApi.typeKey(claims), ref.path("namespace").asText(""), ref.path("name").asText(""));
        boolean claimGone = claim.isEmpty() || (!ref.path("uid").asText("").isEmpty()
                && !Nodes.text(claim.get(), "metadata", "uid").equals(ref.path("uid").asText()));
        if (!claimGone) {
            return;
        }
        if (phase.equals("Bound")) {
            volume = setPhase(volumes, volume, "Released");
            phase = "Released";
        }
        if (phase.equals("Released") && Nodes.text(volume, "spec", "persistentVolumeReclaimPolicy").equals("Delete")) {
            api.delete(volumes, "", name, "Background", Nodes.text(volume, "metadata", "uid"), false);
        }
    }

    // ---- ephemeral volumes

    /** The ephemeral volume controller: a pod's generic ephemeral volume gets its own claim, owned by the pod. */
    private void ephemeralClaims(String key) {
        int slash = key.indexOf('/');
        String namespace = key.substring(0, slash);
        Optional<ObjectNode> pod = api.store().get("/pods", namespace, key.substring(slash + 1));
        if (pod.isEmpty()) {
            return;
        }
        for (JsonNode volume : pod.get().path("spec").path("volumes")) {
            JsonNode template = volume.path("ephemeral").path("volumeClaimTemplate");
            if (template.isMissingNode()) {
                continue;
            }
            String claimName = Nodes.text(pod.get(), "metadata", "name") + "-" + volume.path("name").asText("");
            if (api.store().get(ResourceApi.typeKey(claims), namespace, claimName).isPresent()) {
                continue;
            }
            ObjectNode claim = Nodes.JSON.objectNode();
            claim.put("apiVersion", "v1");
            claim.put("kind", "PersistentVolumeClaim");
            ObjectNode metadata = template.path("metadata").isObject() ? template.get("metadata").deepCopy() : Nodes.JSON.objectNode();
            metadata.put("name", claimName);
            metadata.put("namespace", namespace);
            ObjectNode owner = metadata.putArray("ownerReferences").addObject();
            owner.put("apiVersion", "v1");
            owner.put("blockOwnerDeletion", true);
            owner.put("controller", true);
            owner.put("kind", "Pod");
            owner.put("name", Nodes.text(pod.get(), "metadata", "name"));
            owner.put("uid", Nodes.text(pod.get(), "metadata", "uid"));
            claim.set("metadata", metadata);
            claim.set("spec", template.path("spec").deepCopy());
            api.create(claims, namespace, claim, WRITER);
        }
    }

    // ---- writes

    private ObjectNode setPhase(ResourceType type, ObjectNode object, String phase) {
        ObjectNode updated = object.deepCopy();
        Nodes.object(updated, "status").put("phase", phase);
        return api.update(type, Nodes.text(object, "metadata", "namespace"), Nodes.text(object, "metadata", "name"), updated, "status", WRITER);
    }

    private void removeFinalizer(ResourceType type, ObjectNode object, String finalizer) {
        List<String> finalizers = Nodes.strings(object.path("metadata"), "finalizers");
        if (!finalizers.remove(finalizer)) {
            return;
        }
        ObjectNode updated = object.deepCopy();
        ObjectNode metadata = Nodes.object(updated, "metadata");
        if (finalizers.isEmpty()) {
            metadata.remove("finalizers");
        } else {
            ArrayNode list = metadata.putArray("finalizers");
            finalizers.forEach(list::add);
        }
        api.update(type, Nodes.text(object, "metadata", "namespace"), Nodes.text(object, "metadata", "name"), updated, "", WRITER);
    }
}
