package io.mooring.sandbox.cluster.defaults;

import com.fasterxml.jackson.databind.node.ObjectNode;

import static io.mooring.sandbox.cluster.Nodes.defaultText;
import static io.mooring.sandbox.cluster.Nodes.object;
import static io.mooring.sandbox.cluster.Nodes.objectOrNull;

/** Defaults of claims, volumes and storage classes. */
final class StorageDefaults {
    private StorageDefaults() {
    }

    static void claimSpec(ObjectNode spec) {
        defaultText(spec, "volumeMode", "Filesystem");
        ObjectNode resources = objectOrNull(spec, "resources");
        ResourceLists.canonical(resources, "limits", true);
        ResourceLists.canonical(resources, "requests", true);
    }

    static void claim(ObjectNode claim, boolean create) {
        claimSpec(object(claim, "spec"));
        ObjectNode status = create ? object(claim, "status") : objectOrNull(claim, "status");
        if (status != null) {
            defaultText(status, "phase", "Pending");
            ResourceLists.canonical(status, "capacity", true);
            ResourceLists.canonical(status, "allocatedResources", true);
        }
    }

    static void volume(ObjectNode volume, boolean create) {
        ObjectNode spec = object(volume, "spec");
        defaultText(spec, "persistentVolumeReclaimPolicy", "Retain");
        defaultText(spec, "volumeMode", "Filesystem");
        ResourceLists.canonical(spec, "capacity", true);
        ObjectNode hostPath = objectOrNull(spec, "hostPath");
        if (hostPath != null) {
            defaultText(hostPath, "type", "");
        }
        ObjectNode status = create ? object(volume, "status") : objectOrNull(volume, "status");
        if (status != null) {
            defaultText(status, "phase", "Pending");
        }
    }

    static void storageClass(ObjectNode storageClass) {
        defaultText(storageClass, "reclaimPolicy", "Delete");
        defaultText(storageClass, "volumeBindingMode", "Immediate");
    }
}
