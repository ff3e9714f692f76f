package io.mooring.sandbox.cluster.crd;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.sandbox.api.ResourceApi;
import io.mooring.sandbox.catalog.ApiCatalog;
import io.mooring.sandbox.catalog.ResourceType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The custom resources being served: their types in the catalog, their schemas for admission,
 * and whether their CRD is being deleted. Written by {@link CrdController}, read by
 * {@link CustomResourceAdmission} inside writes, hence thread-safe.
 */
public final class CrdRegistry {
    /** A served custom resource: its CRD, a schema per served version, and whether it is being torn down. */
    record Entry(String crdName, List<ResourceType> types, Map<String, JsonNode> schemas, boolean terminating) {
    }

    private final ApiCatalog catalog;
    private final CustomResourceSchemas listener;
    private final Map<String, Entry> byTypeKey = new ConcurrentHashMap<>();

    public CrdRegistry(ApiCatalog catalog, CustomResourceSchemas listener) {
        this.catalog = catalog;
        this.listener = listener;
    }

    Entry get(String typeKey) {
        return byTypeKey.get(typeKey);
    }

    /** Serves the CRD's versions with their schemas, in place of what it served before. */
    synchronized void serve(JsonNode crd, boolean terminating) {
        String crdName = crd.path("metadata").path("name").asText();
        List<ResourceType> types = CrdTypes.served(crd);
        Entry before = entryOf(crdName);
        String key = types.isEmpty() ? null : ResourceApi.typeKey(types.getFirst());
        if (before != null) {
            List<ResourceType> dropped = before.types().stream()
                    .filter(old -> key == null || !ResourceApi.typeKey(old).equals(key)
                            || types.stream().noneMatch(t -> t.version().equals(old.version()))).toList();
            if (!dropped.isEmpty()) {
                // The catalog forgets a resource's versions together; the kept ones are registered again below.
                catalog.unregister(before.types().getFirst().group(), before.types().getFirst().plural());
                byTypeKey.remove(ResourceApi.typeKey(before.types().getFirst()));
                dropped.forEach(t -> listener.unregister(t.apiVersion(), t.kind()));
            }
        }
        if (key == null) {
            return;
        }
        Map<String, JsonNode> schemas = new HashMap<>();
        for (ResourceType type : types) {
            JsonNode schema = CrdTypes.schema(crd, type.version());
            if (schema != null) {
                schemas.put(type.version(), schema);
            }
            catalog.register(type);
        }
        byTypeKey.put(key, new Entry(crdName, types, Map.copyOf(schemas), terminating));
        for (ResourceType type : types) {
            JsonNode schema = schemas.get(type.version());
            JsonNode previous = before == null ? null : before.schemas().get(type.version());
            if (schema != null && !schema.equals(previous)) {
                listener.register(type.apiVersion(), type.kind(), schema);
            }
        }
    }

    /** Stops serving everything the CRD served. */
    synchronized void withdraw(String crdName) {
        Entry entry = entryOf(crdName);
        if (entry != null) {
            ResourceType any = entry.types().getFirst();
            catalog.unregister(any.group(), any.plural());
            byTypeKey.remove(ResourceApi.typeKey(any));
            entry.types().forEach(t -> listener.unregister(t.apiVersion(), t.kind()));
        }
    }

    private Entry entryOf(String crdName) {
        return byTypeKey.values().stream().filter(e -> e.crdName().equals(crdName)).findFirst().orElse(null);
    }
}
