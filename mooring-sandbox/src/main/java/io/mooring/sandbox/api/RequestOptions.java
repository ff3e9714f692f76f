package io.mooring.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.resource.LabelSelector;
import io.mooring.sandbox.store.ApiException;
import io.mooring.sandbox.store.ApiException.Cause;

import java.util.List;
import java.util.function.Function;

/**
 * The query parameters of a request, read and checked as kube-apiserver checks them, in one
 * place: an unknown {@code dryRun} or {@code fieldValidation} value must not pass for a real
 * write, apply needs a field manager, force is for apply only, a watch that sends initial events
 * must end them with a bookmark.
 */
final class RequestOptions {
    private static final int MAX_FIELD_MANAGER = 128;

    private RequestOptions() {
    }

    static ListOptions list(Function<String, String> query, boolean watch) {
        LabelSelector labels;
        try {
            labels = LabelSelector.parse(query.apply("labelSelector"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage()); // worded as the API server words it
        }
        boolean sendInitialEvents = Boolean.parseBoolean(query.apply("sendInitialEvents"));
        boolean bookmarks = Boolean.parseBoolean(query.apply("allowWatchBookmarks"));
        String match = orEmpty(query.apply("resourceVersionMatch"));
        if (!match.isEmpty() && !List.of("Exact", "NotOlderThan").contains(match)) {
            throw ApiException.invalidOptions("ListOptions", Cause.notSupported("resourceVersionMatch", match, List.of("Exact", "NotOlderThan")));
        }
        if (query.apply("sendInitialEvents") != null) {
            if (!watch) {
                throw ApiException.invalidOptions("ListOptions", Cause.forbidden("sendInitialEvents", "sendInitialEvents is forbidden for list"));
            }
            if (!match.equals("NotOlderThan")) {
                throw ApiException.invalidOptions("ListOptions", Cause.forbidden("resourceVersionMatch",
                        "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"));
            }
            if (sendInitialEvents && !bookmarks) {
                throw ApiException.invalidOptions("ListOptions", Cause.forbidden("allowWatchBookmarks",
                        "sendInitialEvents requires setting allowWatchBookmarks to true"));
            }
        }
        return new ListOptions(labels, FieldSelector.parse(query.apply("fieldSelector")), orEmpty(query.apply("resourceVersion")), match,
                number(query.apply("limit"), "limit"), orEmpty(query.apply("continue")), number(query.apply("timeoutSeconds"), "timeoutSeconds"),
                bookmarks, sendInitialEvents);
    }

    /**
     * The options of a create, update or patch. The field manager is the one named, else the
     * client's user agent up to its first '/', as kube-apiserver records it.
     */
    static WriteOptions write(Function<String, String> query, String userAgent, String optionsKind, boolean apply) {
        String manager = orEmpty(query.apply("fieldManager"));
        if (manager.length() > MAX_FIELD_MANAGER) {
            throw ApiException.invalidOptions(optionsKind, Cause.invalid("fieldManager", manager, "must be no more than 128 characters"));
        }
        boolean dryRun = dryRun(query, optionsKind);
        String force = query.apply("force");
        if (force != null && !apply) {
            throw ApiException.invalidOptions(optionsKind, Cause.forbidden("force", "may not be specified for non-apply patch"));
        }
        FieldValidation validation = FieldValidation.of(query.apply("fieldValidation"), optionsKind);
        if (apply) {
            // Apply records exactly who applied: no user-agent fallback.
            return new WriteOptions(manager, dryRun, Boolean.parseBoolean(force), validation);
        }
        if (manager.isEmpty()) {
            manager = userAgent == null || userAgent.isEmpty() ? "unknown" : userAgent.split("/")[0];
        }
        return new WriteOptions(manager, dryRun, false, validation);
    }

    /** The options of a delete, from the query and the {@code DeleteOptions} body (the query wins). */
    static DeleteOptions delete(Function<String, String> query, JsonNode body) {
        String policy = firstNonEmpty(query.apply("propagationPolicy"), body.path("propagationPolicy").asText(""));
        if (policy.isEmpty() && (Boolean.parseBoolean(query.apply("orphanDependents")) || body.path("orphanDependents").asBoolean(false))) {
            policy = "Orphan";
        }
        boolean dryRun = dryRun(query, "DeleteOptions");
        for (JsonNode value : body.path("dryRun")) {
            if (!value.asText().equals("All")) {
                throw ApiException.invalidOptions("DeleteOptions", Cause.notSupported("dryRun", value.asText(), List.of("All")));
            }
            dryRun = true;
        }
        JsonNode preconditions = body.path("preconditions");
        return new DeleteOptions(policy, preconditions.path("uid").asText(""), preconditions.path("resourceVersion").asText(""), dryRun);
    }

    private static boolean dryRun(Function<String, String> query, String optionsKind) {
        String value = query.apply("dryRun");
        if (value == null || value.isEmpty()) {
            return false;
        }
        if (!value.equals("All")) {
            throw ApiException.invalidOptions(optionsKind, Cause.notSupported("dryRun", value, List.of("All")));
        }
        return true;
    }

    private static long number(String value, String name) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid " + name + ": " + value);
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String firstNonEmpty(String... values) {
        for (String value : values) {
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return "";
    }
}
