package io.mooring.sandbox.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A request the API refuses, with the HTTP code, the reason word, message and details of a
 * Kubernetes {@code Status}, worded as kube-apiserver words them, so that kubectl and client
 * libraries report it (and branch on it) as they would for a real server.
 */
public final class ApiException extends RuntimeException {
    private final int code;
    private final String reason;
    private final String kind;
    private final String name;
    private final String group;
    private final List<Cause> causes;
    private String continueToken;

    /**
     * Why a field was refused ({@code details.causes[]}): kubectl prints these (not the message)
     * after "The Deployment "web" is invalid".
     *
     * @param reason  FieldValueRequired, FieldValueInvalid, FieldValueForbidden, FieldValueNotSupported, ...
     * @param message what is wrong, without the field ({@code Invalid value: "x": must be ...})
     * @param field   the field's path ({@code spec.template.metadata.labels})
     */
    public record Cause(String reason, String message, String field) {
        public static Cause required(String field, String detail) {
            return new Cause("FieldValueRequired", "Required value: " + detail, field);
        }

        public static Cause invalid(String field, String value, String detail) {
            return new Cause("FieldValueInvalid", "Invalid value: \"" + value + "\": " + detail, field);
        }

        public static Cause forbidden(String field, String detail) {
            return new Cause("FieldValueForbidden", "Forbidden: " + detail, field);
        }

        public static Cause notSupported(String field, String value, List<String> supported) {
            return new Cause("FieldValueNotSupported", "Unsupported value: \"" + value + "\": supported values: "
                    + supported.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(", ")), field);
        }

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

    /** 404 for a URL that names nothing the server serves. */
    public static ApiException noSuchResource() {
        return new ApiException(404, "NotFound", "the server could not find the requested resource", null, null, null);
    }

    public static ApiException notFound(String group, String resource, String name) {
        return new ApiException(404, "NotFound", qualified(resource, group) + " \"" + name + "\" not found", group, resource, name);
    }

    public static ApiException alreadyExists(String group, String resource, String name) {
        return new ApiException(409, "AlreadyExists", qualified(resource, group) + " \"" + name + "\" already exists", group, resource, name);
    }

    public static ApiException conflict(String group, String resource, String name, String why) {
        return new ApiException(409, "Conflict", "Operation cannot be fulfilled on " + qualified(resource, group) + " \"" + name + "\": " + why,
                group, resource, name);
    }

    /**
     * 422: the object (or options) named by {@code kind} and {@code name} has invalid fields, worded
     * as the API server words it: {@code Deployment.apps "web" is invalid: <cause>} for one cause,
     * {@code [<cause>, <cause>]} for several (duplicates dropped from the message).
     */
    public static ApiException invalid(String group, String kind, String name, List<Cause> causes) {
        Set<String> distinct = new LinkedHashSet<>();
        causes.forEach(c -> distinct.add(c.text()));
        String what = distinct.size() == 1 ? distinct.iterator().next() : "[" + String.join(", ", distinct) + "]";
        return new ApiException(422, "Invalid", qualified(kind, group) + " \"" + name + "\" is invalid: " + what, group, kind, name, causes);
    }

    public static ApiException invalid(String group, String kind, String name, Cause cause) {
        return invalid(group, kind, name, List.of(cause));
    }

    /** 422 with the field errors already worded ({@code spec.replicas: Invalid value: ...}). */
    public static ApiException invalid(String group, String kind, String name, String why) {
        return new ApiException(422, "Invalid", qualified(kind, group) + " \"" + name + "\" is invalid: " + why, group, kind, name);
    }

    /** 422 for request options ({@code CreateOptions}, {@code DeleteOptions}, ...), which kube-apiserver names in meta.k8s.io. */
    public static ApiException invalidOptions(String optionsKind, Cause cause) {
        return invalid("meta.k8s.io", optionsKind, "", cause);
    }

    public static ApiException gone(String message) {
        return new ApiException(410, "Expired", message, null, null, null);
    }

    public static ApiException forbidden(String group, String resource, String name, String why) {
        return new ApiException(403, "Forbidden", qualified(resource, group) + " \"" + name + "\" is forbidden: " + why, group, resource, name);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "Forbidden", message, null, null, null);
    }

    public static ApiException unsupportedMediaType(List<String> accepted) {
        return new ApiException(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: "
                + String.join(", ", accepted), null, null, null);
    }

    public static ApiException methodNotAllowed() {
        return new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", null, null, null);
    }

    private static String qualified(String kindOrResource, String group) {
        return group == null || group.isEmpty() ? kindOrResource : kindOrResource + "." + group;
    }

    /** A token with which a client may go on reading a list that can no longer be read consistently. */
    public ApiException withContinue(String token) {
        this.continueToken = token;
        return this;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public List<Cause> causes() {
        return causes;
    }

    /** The {@code Status} object a Kubernetes API server answers with. */
    public ObjectNode status() {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        ObjectNode metadata = status.putObject("metadata");
        if (continueToken != null) {
            metadata.put("continue", continueToken);
        }
        status.put("status", "Failure");
        status.put("message", getMessage());
        if (!reason.isEmpty()) {
            status.put("reason", reason); // an error the server did not classify has none
        }
        if (name != null || kind != null || !causes.isEmpty()) {
            ObjectNode details = status.putObject("details");
            if (name != null && !name.isEmpty()) {
                details.put("name", name);
            }
            if (group != null && !group.isEmpty()) {
                details.put("group", group);
            }
            if (kind != null) {
                details.put("kind", kind);
            }
            if (!causes.isEmpty()) {
                ArrayNode list = details.putArray("causes");
                for (Cause cause : causes) {
                    list.addObject().put("reason", cause.reason()).put("message", cause.message()).put("field", cause.field());
                }
            }
        }
        status.put("code", code);
        return status;
    }
}
