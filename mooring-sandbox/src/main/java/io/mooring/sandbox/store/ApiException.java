package io.mooring.sandbox.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A request the API refuses, with the HTTP code, the reason word and message of a Kubernetes
 * {@code Status}, so that kubectl and client libraries report it as they would for a real server.
 */
public final class ApiException extends RuntimeException {
    private final int code;
    private final String reason;
    private final String kind;
    private final String name;
    private final String group;
    private final List<Cause> causes;

    /**
     * Why a field was refused ({@code details.causes[]}): kubectl prints these (not the message)
     * after "The Deployment "web" is invalid".
     *
     * @param reason  FieldValueRequired, FieldValueInvalid, FieldValueForbidden, FieldValueNotSupported, ...
     * @param message what is wrong, without the field ({@code Invalid value: "x": must be ...})
     * @param field   the field's path ({@code spec.template.metadata.labels})
     */
    public record Cause(String reason, String message, String field) {
        /** As the field error prints itself: {@code metadata.name: Required value: ...}. */
        public String text() {
            return field + ": " + message;
        }
    }

    public ApiException(int code, String reason, String message, String group, String kind, String name) {
        this(code, reason, message, group, kind, name, List.of());
    }

    private ApiException(int code, String reason, String message, String group, String kind, String name, List<Cause> causes) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.group = group;
        this.kind = kind;
        this.name = name;
        this.causes = List.copyOf(causes);
    }

    /** The same refusal with these causes in its details. */
    public ApiException withCauses(List<Cause> details) {
        return new ApiException(code, reason, getMessage(), group, kind, name, details);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "BadRequest", message, null, null, null);
    }

    public static ApiException notFound(String group, String resource, String name) {
        String qualified = group == null || group.isEmpty() ? resource : resource + "." + group;
        return new ApiException(404, "NotFound", qualified + " \"" + name + "\" not found", group, resource, name);
    }

    public static ApiException alreadyExists(String group, String resource, String name) {
        String qualified = group == null || group.isEmpty() ? resource : resource + "." + group;
        return new ApiException(409, "AlreadyExists", qualified + " \"" + name + "\" already exists", group, resource, name);
    }

    public static ApiException conflict(String group, String resource, String name, String why) {
        String qualified = group == null || group.isEmpty() ? resource : resource + "." + group;
        return new ApiException(409, "Conflict", "Operation cannot be fulfilled on " + qualified + " \"" + name + "\": " + why,
                group, resource, name);
    }

    public static ApiException invalid(String group, String kind, String name, String why) {
        return new ApiException(422, "Invalid", kind + " \"" + name + "\" is invalid: " + why, group, kind, name);
    }

    /**
     * A 422 with field causes, worded as the API server words it: {@code Deployment.apps "web" is
     * invalid: <cause>} for one cause, {@code [<cause>, <cause>]} for several (duplicates dropped).
     */
    public static ApiException invalid(String group, String kind, String name, List<Cause> causes) {
        Set<String> distinct = new LinkedHashSet<>();
        causes.forEach(c -> distinct.add(c.text()));
        String qualified = group == null || group.isEmpty() ? kind : kind + "." + group;
        String why = distinct.size() == 1 ? distinct.iterator().next() : "[" + String.join(", ", distinct) + "]";
        return new ApiException(422, "Invalid", qualified + " \"" + name + "\" is invalid: " + why, group, kind, name, causes);
    }

    public List<Cause> causes() {
        return causes;
    }

    public static ApiException gone(String message) {
        return new ApiException(410, "Expired", message, null, null, null);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "Forbidden", message, null, null, null);
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    /** The {@code Status} object a Kubernetes API server answers with. */
    public ObjectNode status() {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure");
        status.put("message", getMessage());
        if (!reason.isEmpty()) {
            status.put("reason", reason); // an error the server did not classify has none
        }
        if (name != null || kind != null || !causes.isEmpty()) {
            ObjectNode details = status.putObject("details");
            if (name != null) {
                details.put("name", name);
            }
            if (group != null && !group.isEmpty()) {
                details.put("group", group);
            }
            if (kind != null) {
                details.put("kind", kind);
            }
            if (!causes.isEmpty()) {
                ArrayNode array = details.putArray("causes");
                causes.forEach(c -> array.addObject().put("reason", c.reason()).put("message", c.message()).put("field", c.field()));
            }
        }
        status.put("code", code);
        return status;
    }
}
