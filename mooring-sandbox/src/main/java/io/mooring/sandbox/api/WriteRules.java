package io.mooring.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.catalog.ResourceType;
import io.mooring.sandbox.store.ApiException;
import io.mooring.sandbox.store.ApiException.Cause;
import io.mooring.sandbox.store.JsonMeta;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The checks and comparisons every write goes through: the object is of the kind the URL names,
 * its preconditions (resourceVersion, name, uid) hold, no finalizer is added to an object being
 * deleted, what counts as a spec change (generation) and as no change at all (no write).
 */
final class WriteRules {
    /**
     * Node equality where numbers compare by value: a number read from JSON (an int) and the same
     * number the server wrote (a long) are one value, else every write of an object the server
     * numbered would look like a change.
     */
    private static final Comparator<JsonNode> BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            if (a.isIntegralNumber() && b.isIntegralNumber()) {
                return a.bigIntegerValue().compareTo(b.bigIntegerValue());
            }
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private WriteRules() {
    }

    static boolean same(JsonNode a, JsonNode b) {
        return a == null || b == null ? a == b : a.equals(BY_VALUE, b);
    }

    /** An object being deleted takes no new finalizers: whoever would add one is too late. */
    static void checkFinalizers(ResourceType type, ObjectNode existing, ObjectNode next) {
        if (!existing.path("metadata").has("deletionTimestamp")) {
            return;
        }
        List<String> added = finalizers(next);
        added.removeAll(finalizers(existing));
        if (!added.isEmpty()) {
            throw ApiException.invalid(type.group(), type.kind(), JsonMeta.of(existing).name(), Cause.forbidden("metadata.finalizers",
                    "no new finalizers can be added if the object is being deleted, found new finalizers []string{"
                            + String.join(", ", added.stream().map(f -> "\"" + f + "\"").toList()) + "}"));
        }
    }

    static void checkTypeOf(ResourceType type, ObjectNode object) {
        String apiVersion = object.path("apiVersion").asText("");
        String kind = object.path("kind").asText("");
        if (!apiVersion.isEmpty() && !apiVersion.equals(type.apiVersion())) {
            throw ApiException.badRequest("the API version in the data (" + apiVersion
                    + ") does not match the expected API version (" + type.apiVersion() + ")");
        }
        if (!kind.isEmpty() && !kind.equals(type.kind())) {
            throw ApiException.badRequest("the kind in the data (" + kind + ") does not match the expected kind (" + type.kind() + ")");
        }
        object.put("apiVersion", type.apiVersion());
        object.put("kind", type.kind());
    }

    static void checkPreconditions(ResourceType type, String name, JsonNode incoming, ObjectNode existing) {
        JsonNode metadata = incoming.path("metadata");
        String wanted = metadata.path("resourceVersion").asText("");
        if (!wanted.isEmpty() && !wanted.equals(JsonMeta.of(existing).resourceVersion())) {
            throw ApiException.conflict(type.group(), type.plural(), name,
                    "the object has been modified; please apply your changes to the latest version and try again");
        }
        String inBody = metadata.path("name").asText("");
        if (!inBody.isEmpty() && !inBody.equals(name)) {
            throw ApiException.badRequest("the name of the object (" + inBody + ") does not match the name on the URL (" + name + ")");
        }
        String uid = metadata.path("uid").asText("");
        if (!uid.isEmpty() && !uid.equals(JsonMeta.of(existing).uid())) {
            throw ApiException.conflict(type.group(), type.plural(), name, "Precondition failed: UID in precondition: " + uid
                    + ", UID in object meta: " + JsonMeta.of(existing).uid());
        }
    }

    static String mediaType(String contentType) {
        String type = contentType == null ? "" : contentType;
        int parameters = type.indexOf(';');
        return (parameters < 0 ? type : type.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
    }

    /**
     * A change outside metadata and status (status too for kinds without a status subresource);
     * a Deployment's annotations count, since they are copied to its ReplicaSets.
     */
    static boolean generationChanged(ResourceType type, ObjectNode before, ObjectNode after) {
        for (Map.Entry<String, JsonNode> field : after.properties()) {
            String name = field.getKey();
            if (!name.equals("metadata") && !(name.equals("status") && type.hasStatus()) && !same(field.getValue(), before.get(name))) {
                return true;
            }
        }
        for (Map.Entry<String, JsonNode> field : before.properties()) {
            String name = field.getKey();
            if (!name.equals("metadata") && !(name.equals("status") && type.hasStatus()) && !after.has(name)) {
                return true;
            }
        }
        return type.group().equals("apps") && type.kind().equals("Deployment")
                && !same(before.path("metadata").path("annotations"), after.path("metadata").path("annotations"));
    }

    /** Equal apart from the managedFields timestamps: such an update stores nothing and bumps no version. */
    static boolean sameContent(ObjectNode before, ObjectNode after) {
        if (before.size() != after.size()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> field : after.properties()) {
            JsonNode other = before.get(field.getKey());
            if (field.getKey().equals("metadata")) {
                if (!(other instanceof ObjectNode metadata) || !sameMetadata(metadata, (ObjectNode) field.getValue())) {
                    return false;
                }
            } else if (!same(field.getValue(), other)) {
                return false;
            }
        }
        return true;
    }

    static boolean sameMetadata(ObjectNode before, ObjectNode after) {
        if (before.size() != after.size()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> field : after.properties()) {
            JsonNode other = before.get(field.getKey());
            boolean same = field.getKey().equals("managedFields") ? sameIgnoringTime(other, field.getValue()) : same(field.getValue(), other);
            if (!same) {
                return false;
            }
        }
        return true;
    }

    static boolean sameIgnoringTime(JsonNode before, JsonNode after) {
        if (before == null || before.size() != after.size()) {
            return false;
        }
        for (int i = 0; i < after.size(); i++) {
            JsonNode a = before.get(i);
            JsonNode b = after.get(i);
            if (a instanceof ObjectNode ao && b instanceof ObjectNode bo) {
                ObjectNode x = ao.deepCopy();
                ObjectNode y = bo.deepCopy();
                x.remove("time");
                y.remove("time");
                if (!same(x, y)) {
                    return false;
                }
            } else if (!same(b, a)) {
                return false;
            }
        }
        return true;
    }

    static List<String> finalizers(JsonNode object) {
        List<String> result = new ArrayList<>();
        object.path("metadata").path("finalizers").forEach(f -> result.add(f.asText()));
        return result;
    }
}
