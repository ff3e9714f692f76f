package io.mooring.sandbox.workloads.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Owner references: who controls an object, and the reference a controller puts on what it creates. */
public final class Owners {
    private Owners() {
    }

    /** The reference a controller puts on the objects it creates: {@code controller} and {@code blockOwnerDeletion} set. */
    public static ObjectNode controllerRef(JsonNode owner) {
        ObjectNode ref = Json.object();
        ref.put("apiVersion", owner.path("apiVersion").asText());
        ref.put("kind", owner.path("kind").asText());
        ref.put("name", Json.name(owner));
        ref.put("uid", Json.uid(owner));
        ref.put("controller", true);
        ref.put("blockOwnerDeletion", true);
        return ref;
    }

    public static ArrayNode controlledBy(JsonNode owner) {
        ArrayNode refs = Json.array();
        refs.add(controllerRef(owner));
        return refs;
    }

    /** The owner reference marked as controller, or null. */
    public static JsonNode controller(JsonNode object) {
        for (JsonNode ref : object.path("metadata").path("ownerReferences")) {
            if (ref.path("controller").asBoolean(false)) {
                return ref;
            }
        }
        return null;
    }

    /** The uid of the controlling owner, or null when nothing controls the object. */
    public static String controllerUid(JsonNode object) {
        JsonNode ref = controller(object);
        return ref == null ? null : ref.path("uid").asText();
    }

    /** Whether the object's controller is of this kind (any version of the group), and its name; null otherwise. */
    public static String controllerName(JsonNode object, String kind) {
        JsonNode ref = controller(object);
        return ref != null && ref.path("kind").asText().equals(kind) ? ref.path("name").asText() : null;
    }

    /**
     * A merge patch that makes {@code owner} the controller of {@code object} (adoption), guarded
     * by the object's uid so that it never lands on a namesake created since.
     */
    public static ObjectNode adoptionPatch(JsonNode object, JsonNode owner) {
        ObjectNode patch = Json.object();
        ObjectNode metadata = patch.putObject("metadata");
        metadata.put("uid", Json.uid(object));
        ArrayNode refs = metadata.putArray("ownerReferences");
        object.path("metadata").path("ownerReferences").forEach(refs::add);
        refs.add(controllerRef(owner));
        return patch;
    }

    /** A merge patch that removes the controller reference to {@code ownerUid} (release). */
    public static ObjectNode releasePatch(JsonNode object, String ownerUid) {
        ObjectNode patch = Json.object();
        ObjectNode metadata = patch.putObject("metadata");
        metadata.put("uid", Json.uid(object));
        ArrayNode refs = metadata.putArray("ownerReferences");
        object.path("metadata").path("ownerReferences").forEach(ref -> {
            if (!ref.path("uid").asText().equals(ownerUid)) {
                refs.add(ref);
            }
        });
        if (refs.isEmpty()) {
            metadata.putNull("ownerReferences");
        }
        return patch;
    }
}
