package io.mooring.sandbox.cluster.namespaces;

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
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The namespace controller: a namespace marked for deletion (the API only turns it Terminating)
 * is emptied of every namespaced resource, custom ones included; while content remains, its
 * conditions say what and which finalizers hold it; once empty, the {@code kubernetes}
 * finalizer is removed through the finalize subresource and the API removes the namespace.
 */
public final class NamespaceController implements Controller {
    static final String FINALIZER = "kubernetes";
    private static final WriteOptions WRITER = WriteOptions.by("kube-controller-manager");

    private final ResourceApi api;
    private final ResourceType namespaces;
    private final Set<String> terminating = new LinkedHashSet<>();

    public NamespaceController(ResourceApi api) {
        this.api = api;
        this.namespaces = api.catalog().byPlural("", "v1", "namespaces").orElseThrow();
    }

    @Override
    public String name() {
        return "namespace-controller";
    }

    @Override
    public Set<String> watches() {
        return Set.of("/namespaces");
    }

    @Override
    public void onEvent(WatchEvent event) {
        String name = Nodes.text(event.object(), "metadata", "name");
        if (event.type() == WatchEvent.Type.DELETED) {
            terminating.remove(name);
        } else if (event.object().path("metadata").has("deletionTimestamp")) {
            terminating.add(name);
            finish(name);
        }
    }

    @Override
    public void tick(Instant now) {
        List.copyOf(terminating).forEach(this::finish);
    }

    /** One pass: delete what is left, report what remains, finalize when nothing does. */
    private void finish(String namespace) {
        Optional<ObjectNode> found = api.store().get(ResourceApi.typeKey(namespaces), "", namespace);
        if (found.isEmpty() || !found.get().path("metadata").has("deletionTimestamp")) {
            terminating.remove(namespace);
            return;
        }
        Content content = deleteContent(namespace);
        ObjectNode current = api.store().get(ResourceApi.typeKey(namespaces), "", namespace).orElseThrow();
        ObjectNode withConditions = current.deepCopy();
        if (NamespaceConditions.apply(Nodes.object(withConditions, "status"), content.remaining(), content.finalizers(), now())) {
            current = api.update(namespaces, "", namespace, withConditions, "status", WRITER);
        }
        if (content.remaining().isEmpty()) {
            finalizeNamespace(current);
        }
    }

    /** What is left after one round of deletes, by resource and by finalizer. */
    private record Content(Map<String, Integer> remaining, Map<String, Integer> finalizers) {
    }

    private Content deleteContent(String namespace) {
        Map<String, Integer> remaining = new TreeMap<>();
        Map<String, Integer> finalizers = new TreeMap<>();
        for (ResourceType type : namespacedTypes()) {
            String typeKey = ResourceApi.typeKey(type);
            for (ObjectNode object : api.store().list(typeKey, namespace, o -> true).items()) {
                if (!object.path("metadata").has("deletionTimestamp")) {
                    delete(type, namespace, object);
                }
            }
            List<ObjectNode> left = api.store().list(typeKey, namespace, o -> true).items();
            if (!left.isEmpty()) {
                remaining.put(type.plural() + "." + type.group(), left.size());
                for (ObjectNode object : left) {
                    for (JsonNode finalizer : object.path("metadata").path("finalizers")) {
                        finalizers.merge(finalizer.asText(), 1, Integer::sum);
                    }
                }
            }
        }
        return new Content(remaining, finalizers);
    }

    /** Every namespaced resource once, whatever versions serve it; deletable ones only. */
    private List<ResourceType> namespacedTypes() {
        Map<String, ResourceType> byKey = new LinkedHashMap<>();
        for (ResourceType type : api.catalog().all()) {
            if (type.namespaced() && type.verbs().contains("delete")) {
                byKey.putIfAbsent(ResourceApi.typeKey(type), type);
            }
        }
        return List.copyOf(byKey.values());
    }

    private void delete(ResourceType served, String namespace, ObjectNode object) {
        ResourceType type = api.catalog().byKind(object.path("apiVersion").asText(""), object.path("kind").asText("")).orElse(served);
        try {
            api.delete(type, namespace, Nodes.text(object, "metadata", "name"), "Background", Nodes.text(object, "metadata", "uid"), false);
        } catch (ApiException e) {
            if (e.code() != 404 && e.code() != 409) {
                throw e;
            }
        }
    }

    private void finalizeNamespace(ObjectNode namespace) {
        ObjectNode finalized = namespace.deepCopy();
        ArrayNode kept = Nodes.JSON.arrayNode();
        for (JsonNode finalizer : namespace.path("spec").path("finalizers")) {
            if (!finalizer.asText().equals(FINALIZER)) {
                kept.add(finalizer);
            }
        }
        Nodes.object(finalized, "spec").set("finalizers", kept);
        api.update(namespaces, "", Nodes.text(namespace, "metadata", "name"), finalized, "finalize", WRITER);
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
