package io.mooring.sandbox.workloads.objects;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.api.ResourceApi;
import io.mooring.sandbox.api.WriteOptions;
import io.mooring.sandbox.catalog.ResourceType;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a simulated controller writes: through the in-process API, as its Kubernetes namesake
 * would (field manager {@code kube-controller-manager}, {@code kube-scheduler}, {@code kubelet}).
 * It remembers the revision of its last write to the resources its controller watches, so the
 * controller can wait until its watch has shown it its own writes before it acts again.
 */
public final class Client {
    private final ResourceApi api;
    private final WriteOptions options;
    private final Map<String, ResourceType> types = new ConcurrentHashMap<>();
    private final Set<String> tracked = new HashSet<>();
    private long lastWrite;

    public Client(ResourceApi api, String fieldManager) {
        this.api = api;
        this.options = WriteOptions.by(fieldManager);
    }

    /** Marks a resource as watched by this client's controller: writes to it must be seen before acting again. */
    void track(String typeKey) {
        tracked.add(typeKey);
    }

    /** The revision of the last write to a watched resource. */
    long lastWrite() {
        return lastWrite;
    }

    public ResourceType type(String typeKey) {
        return types.computeIfAbsent(typeKey, key -> api.catalog().all().stream()
                .filter(t -> ResourceApi.typeKey(t).equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no resource " + key + " in the catalog")));
    }

    public ObjectNode create(String typeKey, ObjectNode object) {
        return wrote(typeKey, api.create(type(typeKey), Json.namespace(object), object, options));
    }

    public Optional<ObjectNode> get(String typeKey, String namespace, String name) {
        return api.store().get(typeKey, type(typeKey).namespaced() ? namespace : "", name);
    }

    /** A JSON merge patch; put {@code metadata.uid} in it to make sure it lands on the object read. */
    public ObjectNode patch(String typeKey, String namespace, String name, ObjectNode mergePatch) {
        return wrote(typeKey, api.patch(type(typeKey), namespace, name, "application/merge-patch+json", mergePatch, null, options));
    }

    /** Replaces the status of an object (the status subresource); the rest stays as stored. */
    public ObjectNode updateStatus(String typeKey, ObjectNode object, ObjectNode status) {
        return updateStatus(typeKey, object, status, null);
    }

    /** Replaces the status and, when not null, the annotations (a built-in kind's status takes them) of an object. */
    public ObjectNode updateStatus(String typeKey, ObjectNode object, ObjectNode status, ObjectNode annotations) {
        ObjectNode body = Json.object();
        ObjectNode metadata = body.putObject("metadata");
        metadata.put("name", Json.name(object));
        metadata.put("uid", Json.uid(object));
        if (!Json.namespace(object).isEmpty()) {
            metadata.put("namespace", Json.namespace(object));
        }
        if (annotations != null) {
            metadata.set("annotations", annotations);
        }
        body.set("status", status);
        return wrote(typeKey, api.update(type(typeKey), Json.namespace(object), Json.name(object), body, "status", options));
    }

    /** Deletes in the background (dependents to the garbage collector), only the object with that uid. */
    public ObjectNode delete(String typeKey, ObjectNode object) {
        return wrote(typeKey, api.delete(type(typeKey), Json.namespace(object), Json.name(object), "Background", Json.uid(object), false));
    }

    private ObjectNode wrote(String typeKey, ObjectNode result) {
        if (tracked.contains(typeKey)) {
            lastWrite = Math.max(lastWrite, Json.revision(result));
        }
        return result;
    }
}
