package io.mooring.sandbox.cluster.crd;

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The apiextensions controllers: a CustomResourceDefinition whose names clash with no other of
 * its group is served (every served version, with its subresources, short names and
 * categories) and reports {@code NamesAccepted} and {@code Established} with its accepted
 * names; one being deleted reports {@code Terminating}, has its custom resources deleted, and
 * once they are gone stops being served and loses its cleanup finalizer, which lets the API
 * remove it.
 */
public final class CrdController implements Controller {
    private static final WriteOptions WRITER = WriteOptions.by("kube-apiserver");
    private static final String CRD_KEY = "apiextensions.k8s.io/customresourcedefinitions";

    private final ResourceApi api;
    private final CrdRegistry registry;
    private final ResourceType crds;
    private final Set<String> terminating = new LinkedHashSet<>();

    public CrdController(ResourceApi api, CrdRegistry registry) {
        this.api = api;
        this.registry = registry;
        this.crds = api.catalog().byPlural("apiextensions.k8s.io", "v1", "customresourcedefinitions").orElseThrow();
    }

    @Override
    public String name() {
        return "crd-controller";
    }

    @Override
    public Set<String> watches() {
        return Set.of(CRD_KEY);
    }

    @Override
    public void onEvent(WatchEvent event) {
        String name = Nodes.text(event.object(), "metadata", "name");
        if (event.type() == WatchEvent.Type.DELETED) {
            terminating.remove(name);
            registry.withdraw(name);
        } else if (event.object().path("metadata").has("deletionTimestamp")) {
            terminating.add(name);
            cleanUp(name);
        } else {
            establish(name);
        }
    }

    @Override
    public void tick(Instant now) {
        List.copyOf(terminating).forEach(this::cleanUp);
    }

    private void establish(String name) {
        Optional<ObjectNode> found = api.store().get(CRD_KEY, "", name);
        if (found.isEmpty() || found.get().path("metadata").has("deletionTimestamp")) {
            return;
        }
        ObjectNode crd = found.get();
        List<ObjectNode> others = api.store().list(CRD_KEY, null, c -> accepted(c) && !c.path("metadata").has("deletionTimestamp")).items();
        CrdTypes.Conflict conflict = CrdTypes.conflict(crd, others);
        ObjectNode updated = crd.deepCopy();
        ObjectNode status = Nodes.object(updated, "status");
        if (conflict != null) {
            registry.withdraw(name);
            setCondition(status, "NamesAccepted", false, conflict.reason(), conflict.message());
            setCondition(status, "Established", false, "NotAccepted", "not all names are accepted");
        } else {
            registry.serve(crd, false);
            status.set("acceptedNames", CrdTypes.requestedNames(crd));
            setCondition(status, "NamesAccepted", true, "NoConflicts", "no conflicts found");
            setCondition(status, "Established", true, "InitialNamesAccepted", "the initial names have been accepted");
        }
        if (!updated.path("status").equals(crd.path("status"))) {
            api.update(crds, "", name, updated, "status", WRITER);
        }
    }

    private static boolean accepted(JsonNode crd) {
        for (JsonNode condition : crd.path("status").path("conditions")) {
            if (condition.path("type").asText().equals("NamesAccepted")) {
                return condition.path("status").asText().equals("True");
            }
        }
        return false;
    }

    /** One round of tearing down: delete the custom resources; when none is left, stop serving and let the CRD go. */
    private void cleanUp(String name) {
        Optional<ObjectNode> found = api.store().get(CRD_KEY, "", name);
        if (found.isEmpty()) {
            terminating.remove(name);
            return;
        }
        ObjectNode crd = found.get();
        registry.serve(crd, true);
        ObjectNode updated = crd.deepCopy();
        setCondition(Nodes.object(updated, "status"), "Terminating", true, "InstanceDeletionInProgress", "CustomResource deletion is in progress");
        if (!updated.path("status").equals(crd.path("status"))) {
            crd = api.update(crds, "", name, updated, "status", WRITER);
        }
        String typeKey = CrdTypes.group(crd) + "/" + CrdTypes.plural(crd);
        List<ObjectNode> remaining = api.store().list(typeKey, null, o -> true).items();
        for (ObjectNode object : remaining) {
            if (!object.path("metadata").has("deletionTimestamp")) {
                delete(object);
            }
        }
        if (!api.store().list(typeKey, null, o -> true).items().isEmpty()) {
            return;
        }
        registry.withdraw(name);
        ObjectNode finalized = crd.deepCopy();
        ArrayNode kept = Nodes.JSON.arrayNode();
        Nodes.strings(crd.path("metadata"), "finalizers").stream().filter(f -> !f.equals(CrdAdmission.CLEANUP_FINALIZER)).forEach(kept::add);
        Nodes.object(finalized, "metadata").set("finalizers", kept);
        api.update(crds, "", name, finalized, "", WRITER);
    }

    private void delete(ObjectNode object) {
        Optional<ResourceType> type = api.catalog().byKind(object.path("apiVersion").asText(""), object.path("kind").asText(""));
        if (type.isEmpty()) {
            return;
        }
        try {
            api.delete(type.get(), Nodes.text(object, "metadata", "namespace"), Nodes.text(object, "metadata", "name"), "Background",
                    Nodes.text(object, "metadata", "uid"), false);
        } catch (ApiException e) {
            if (e.code() != 404 && e.code() != 409) {
                throw e;
            }
        }
    }

    /** Sets a condition, keeping its transition time when its status does not change. */
    private static void setCondition(ObjectNode status, String type, boolean value, String reason, String message) {
        ArrayNode conditions = status.withArray("conditions");
        ObjectNode condition = null;
        for (JsonNode c : conditions) {
            if (c.path("type").asText().equals(type)) {
                condition = (ObjectNode) c;
            }
        }
        String text = value ? "True" : "False";
        if (condition == null) {
            condition = conditions.addObject();
        }
        if (!condition.path("status").asText().equals(text) || !condition.has("lastTransitionTime")) {
            condition.put("lastTransitionTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        }
        condition.put("message", message);
        condition.put("reason", reason);
        condition.put("status", text);
        condition.put("type", type);
    }
}
