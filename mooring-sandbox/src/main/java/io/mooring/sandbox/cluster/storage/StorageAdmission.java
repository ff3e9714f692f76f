package io.mooring.sandbox.cluster.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.api.Admission;
import io.mooring.sandbox.catalog.ResourceType;
import io.mooring.sandbox.cluster.Nodes;
import io.mooring.sandbox.store.ObjectStore;

import java.util.Comparator;
import java.util.Optional;

/**
 * The storage admission plugins: DefaultStorageClass gives a new claim without a class the
 * default one (the newest class annotated as default); StorageObjectInUseProtection puts the
 * protection finalizers on new claims and volumes, so neither goes while in use.
 */
public final class StorageAdmission implements Admission {
    public static final String DEFAULT_CLASS_ANNOTATION = "storageclass.kubernetes.io/is-default-class";
    public static final String CLAIM_PROTECTION = "kubernetes.io/pvc-protection";
    public static final String VOLUME_PROTECTION = "kubernetes.io/pv-protection";

    private final ObjectStore store;

    public StorageAdmission(ObjectStore store) {
        this.store = store;
    }

    @Override
    public void admit(Operation operation, ResourceType type, ObjectNode object, ObjectNode existing) {
        if (operation != Operation.CREATE || !type.group().isEmpty()) {
            return;
        }
        if (type.kind().equals("PersistentVolumeClaim")) {
            ObjectNode spec = Nodes.object(object, "spec");
            if (Nodes.unset(spec, "storageClassName")) {
                defaultClass(store).ifPresent(c -> spec.put("storageClassName", Nodes.text(c, "metadata", "name")));
            }
            addFinalizer(object, CLAIM_PROTECTION);
        } else if (type.kind().equals("PersistentVolume")) {
            addFinalizer(object, VOLUME_PROTECTION);
        }
    }

    /** The default StorageClass: of those annotated so, the most recently created. */
    static Optional<ObjectNode> defaultClass(ObjectStore store) {
        return store.list("storage.k8s.io/storageclasses", null,
                        c -> c.path("metadata").path("annotations").path(DEFAULT_CLASS_ANNOTATION).asText("").equals("true"))
                .items().stream()
                .max(Comparator.comparing((ObjectNode c) -> Nodes.text(c, "metadata", "creationTimestamp"))
                        .thenComparing(c -> Nodes.text(c, "metadata", "name")));
    }

    private static void addFinalizer(ObjectNode object, String finalizer) {
        ArrayNode finalizers = Nodes.object(object, "metadata").withArray("finalizers");
        for (JsonNode f : finalizers) {
            if (f.asText().equals(finalizer)) {
                return;
            }
        }
        finalizers.add(finalizer);
    }
}
