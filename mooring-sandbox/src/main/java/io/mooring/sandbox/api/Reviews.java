package io.mooring.sandbox.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.catalog.ResourceType;
import io.mooring.sandbox.store.ApiException;

import java.util.List;

/**
 * The create-only review kinds, which kube-apiserver answers without storing anything: access
 * reviews ({@code kubectl auth can-i}), rules reviews, token reviews and {@code kubectl auth whoami}.
 * The sandbox authenticates no one and authorizes everything, and says so.
 */
final class Reviews {
    static final String USER = "mooring-sandbox";
    private static final List<String> GROUPS = List.of("system:masters", "system:authenticated");

    private Reviews() {
    }

    static boolean handles(ResourceType type) {
        return type.verbs().equals(java.util.Set.of("create")) && type.kind().endsWith("Review");
    }

    /** The review with its status filled in, as a 201 body. */
    static ObjectNode answer(ResourceType type, ObjectNode review) {
        ObjectNode answer = review.deepCopy();
        answer.put("apiVersion", type.apiVersion());
        answer.put("kind", type.kind());
        answer.withObjectProperty("metadata");
        ObjectNode status = answer.putObject("status");
        switch (type.kind()) {
            case "SelfSubjectAccessReview", "SubjectAccessReview", "LocalSubjectAccessReview" -> {
                status.put("allowed", true);
                status.put("reason", "the Mooring sandbox authorizes every request");
            }
            case "SelfSubjectRulesReview" -> {
                ObjectNode resources = status.putArray("resourceRules").addObject();
                resources.putArray("verbs").add("*");
                resources.putArray("apiGroups").add("*");
                resources.putArray("resources").add("*");
                ObjectNode urls = status.putArray("nonResourceRules").addObject();
                urls.putArray("verbs").add("*");
                urls.putArray("nonResourceURLs").add("*");
                status.put("incomplete", false);
            }
            case "TokenReview" -> {
                status.put("authenticated", true);
                user(status.putObject("user"));
            }
            case "SelfSubjectReview" -> user(status.putObject("userInfo"));
            default -> throw ApiException.methodNotAllowed();
        }
        return answer;
    }

    private static void user(ObjectNode user) {
        user.put("username", USER);
        GROUPS.forEach(user.withArrayProperty("groups")::add);
    }
}
