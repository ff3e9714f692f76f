package io.mooring.sandbox.cluster.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.api.ResourceApi;
import io.mooring.sandbox.api.WriteOptions;
import io.mooring.sandbox.catalog.ResourceType;
import io.mooring.sandbox.cluster.Nodes;
import io.mooring.sandbox.cluster.Selectors;
import io.mooring.sandbox.control.Controller;
import io.mooring.sandbox.store.ApiException;
import io.mooring.sandbox.store.WatchEvent;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The endpoints and endpoint slice controllers: for every Service with a selector, an
 * Endpoints of the same name and EndpointSlices owned by the Service list the pods it selects,
 * updated as pods come, go, turn ready or change labels. Changes are collected and applied on
 * the next tick, so a burst of pod updates costs one write per Service.
 */
public final class EndpointsController implements Controller {
    private static final WriteOptions WRITER = WriteOptions.by("kube-controller-manager");
    private static final String TRIGGER_TIME = "endpoints.kubernetes.io/last-change-trigger-time";

    private final ResourceApi api;
    private final ResourceType services;
    private final ResourceType endpoints;
    private final ResourceType slices;
    /** Selectors of the Services with one, by namespace and name. */
    private final Map<String, Map<String, Map<String, String>>> selectors = new HashMap<>();
    /** The last labels seen of each pod, so a pod that stops matching is removed. */
    private final Map<String, Map<String, String>> podLabels = new HashMap<>();
    private final Map<String, String> zones = new HashMap<>();
    private final Set<String> dirty = new LinkedHashSet<>();

    public EndpointsController(ResourceApi api) {
        this.api = api;
        this.services = api.catalog().byPlural("", "v1", "services").orElseThrow();
        this.endpoints = api.catalog().byPlural("", "v1", "endpoints").orElseThrow();
        this.slices = api.catalog().byPlural("discovery.k8s.io", "v1", "endpointslices").orElseThrow();
    }

    @Override
    public String name() {
        return "endpoints-controller";
    }

    @Override
    public Set<String> watches() {
        return Set.of("/services", "/pods");
    }

    @Override
    public void onEvent(WatchEvent event) {
        ObjectNode object = event.object();
        String namespace = Nodes.text(object, "metadata", "namespace");
        String name = Nodes.text(object, "metadata", "name");
        if (event.typeKey().equals("/services")) {
            Map<String, Map<String, String>> inNamespace = selectors.computeIfAbsent(namespace, n -> new HashMap<>());
            if (event.type() == WatchEvent.Type.DELETED || !EndpointsModel.managed(object)) {
                inNamespace.remove(name);
            } else {
                inNamespace.put(name, Nodes.stringMap(object.path("spec"), "selector"));
            }
            dirty.add(namespace + "/" + name);
            return;
        }
        String key = namespace + "/" + name;
        Map<String, String> before = podLabels.get(key);
        Map<String, String> after = Nodes.stringMap(object.path("metadata"), "labels");
        if (event.type() == WatchEvent.Type.DELETED) {
            podLabels.remove(key);
        } else {
            podLabels.put(key, after);
        }
        selectors.getOrDefault(namespace, Map.of()).forEach((service, selector) -> {
            if (Selectors.matchesMap(selector, after) || (before != null && Selectors.matchesMap(selector, before))) {
                dirty.add(namespace + "/" + service);
            }
        });
    }

    /**
     * The watch starts over: Services and pods removed meanwhile sent no DELETED, so every
     * Service known so far is reconciled against the store (one that is gone loses its
     * Endpoints), and what was remembered of selectors, labels and zones is rebuilt from the
     * ADDED events that follow.
     */
    @Override
    public void relist() {
        selectors.forEach((namespace, byName) -> byName.keySet().forEach(name -> dirty.add(namespace + "/" + name)));
        selectors.clear();
        podLabels.clear();
        zones.clear();
    }

    @Override
    public void tick(Instant now) {
        for (String key : List.copyOf(dirty)) {
            int slash = key.indexOf('/');
            reconcile(key.substring(0, slash), key.substring(slash + 1));
            dirty.remove(key);
        }
    }

    private void reconcile(String namespace, String name) {
        Optional<ObjectNode> service = api.store().get(ResourceApi.typeKey(services), namespace, name);
        if (service.isEmpty()) {
            // Its slices are the garbage collector's: the Service owns them.
            removeEndpoints(namespace, name);
            return;
        }
        if (!EndpointsModel.managed(service.get())) {
            // Endpoints of a Service without a selector are written by whoever runs its backends.
            return;
        }
        Map<String, String> selector = Nodes.stringMap(service.get().path("spec"), "selector");
        List<ObjectNode> pods = api.store().list("/pods", namespace,
                pod -> Selectors.matchesMap(selector, Nodes.stringMap(pod.path("metadata"), "labels"))).items();
        String changedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        writeEndpoints(service.get(), pods, changedAt);
        writeSlices(service.get(), pods, changedAt);
    }

    private void writeEndpoints(ObjectNode service, List<ObjectNode> pods, String changedAt) {
        String namespace = Nodes.text(service, "metadata", "namespace");
        String name = Nodes.text(service, "metadata", "name");
        ObjectNode labels = EndpointsModel.labels(service, EndpointsModel.ENDPOINTS_MANAGED_BY, EndpointsModel.ENDPOINTS_CONTROLLER, false);
        ArrayNode subsets = EndpointsModel.subsets(service, pods);
        Optional<ObjectNode> existing = api.store().get(ResourceApi.typeKey(endpoints), namespace, name);
        JsonNode wanted = subsets.isEmpty() ? MissingNode.getInstance() : subsets;
        if (existing.isPresent() && labels.equals(existing.get().path("metadata").path("labels"))
                && wanted.equals(existing.get().path("subsets"))) {
            return;
        }
        ObjectNode object = existing.orElseGet(() -> newObject(endpoints, namespace, name));
        ObjectNode metadata = Nodes.object(object, "metadata");
        metadata.set("labels", labels);
        Nodes.object(metadata, "annotations").put(TRIGGER_TIME, changedAt);
        if (subsets.isEmpty()) {
            object.remove("subsets");
        } else {
            object.set("subsets", subsets);
        }
        if (existing.isPresent()) {
            api.update(endpoints, namespace, name, object, "", WRITER);
        } else {
            api.create(endpoints, namespace, object, WRITER);
        }
    }

    private void writeSlices(ObjectNode service, List<ObjectNode> pods, String changedAt) {
        String namespace = Nodes.text(service, "metadata", "namespace");
        String name = Nodes.text(service, "metadata", "name");
        ObjectNode labels = EndpointsModel.labels(service, EndpointsModel.SLICE_MANAGED_BY, EndpointsModel.SLICE_CONTROLLER, true);
        List<ObjectNode> desired = EndpointsModel.slices(service, pods, this::zone);
        List<ObjectNode> current = currentSlices(namespace, name);
        for (int i = 0; i < Math.max(desired.size(), current.size()); i++) {
            if (i >= desired.size()) {
                delete(slices, namespace, Nodes.text(current.get(i), "metadata", "name"));
                continue;
            }
            ObjectNode content = desired.get(i);
            ObjectNode slice = i < current.size() ? current.get(i) : newObject(slices, namespace, "");
            if (i < current.size() && sameSlice(slice, content, labels)) {
                continue;
            }
            ObjectNode metadata = Nodes.object(slice, "metadata");
            metadata.set("labels", labels.deepCopy());
            Nodes.object(metadata, "annotations").put(TRIGGER_TIME, changedAt);
            content.properties().forEach(e -> slice.set(e.getKey(), e.getValue()));
            if (i < current.size()) {
                api.update(slices, namespace, Nodes.text(slice, "metadata", "name"), slice, "", WRITER);
            } else {
                metadata.put("generateName", name + "-");
                ObjectNode owner = metadata.putArray("ownerReferences").addObject();
                owner.put("apiVersion", "v1");
                owner.put("blockOwnerDeletion", true);
                owner.put("controller", true);
                owner.put("kind", "Service");
                owner.put("name", name);
                owner.put("uid", Nodes.text(service, "metadata", "uid"));
                api.create(slices, namespace, slice, WRITER);
            }
        }
    }

    private static boolean sameSlice(ObjectNode slice, ObjectNode content, ObjectNode labels) {
        for (var field : content.properties()) {
            if (!field.getValue().equals(slice.path(field.getKey()))) {
                return false;
            }
        }
        return slice.path("metadata").path("labels").equals(labels);
    }

    private List<ObjectNode> currentSlices(String namespace, String service) {
        return api.store().list(ResourceApi.typeKey(slices), namespace, s -> {
            JsonNode labels = s.path("metadata").path("labels");
            return labels.path(EndpointsModel.SERVICE_NAME_LABEL).asText("").equals(service)
                    && labels.path(EndpointsModel.SLICE_MANAGED_BY).asText("").equals(EndpointsModel.SLICE_CONTROLLER);
        }).items().stream().sorted(Comparator.comparing(s -> Nodes.text(s, "metadata", "name"))).toList();
    }

    /** A Service that is gone or stopped selecting loses the Endpoints this controller made for it. */
    private void removeEndpoints(String namespace, String name) {
        api.store().get(ResourceApi.typeKey(endpoints), namespace, name)
                .filter(e -> Nodes.text(e, "metadata", "labels", EndpointsModel.ENDPOINTS_MANAGED_BY).equals(EndpointsModel.ENDPOINTS_CONTROLLER))
                .ifPresent(e -> delete(endpoints, namespace, name));
    }

    private void delete(ResourceType type, String namespace, String name) {
        try {
            api.delete(type, namespace, name, "Background", null, false);
        } catch (ApiException gone) {
            if (gone.code() != 404) {
                throw gone;
            }
        }
    }

    private String zone(String node) {
        String zone = zones.get(node);
        if (zone == null) {
            Optional<ObjectNode> found = api.store().get("/nodes", "", node);
            if (found.isEmpty()) {
                return null;
            }
            zone = Nodes.text(found.get(), "metadata", "labels", "topology.kubernetes.io/zone");
            zones.put(node, zone);
        }
        return zone;
    }

    private static ObjectNode newObject(ResourceType type, String namespace, String name) {
        ObjectNode object = Nodes.JSON.objectNode();
        object.put("apiVersion", type.apiVersion());
        object.put("kind", type.kind());
        ObjectNode metadata = object.putObject("metadata");
        if (!name.isEmpty()) {
            metadata.put("name", name);
        }
        metadata.put("namespace", namespace);
        return object;
    }
}
