package io.mooring.admission;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.policy.AdmissionRequest;
import io.mooring.policy.Operation;
import io.mooring.policy.UserInfo;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An {@code AdmissionReview} request as the API server sends it to a validating webhook
 * ({@code admission.k8s.io/v1}; {@code v1beta1} has the same shape), read into the question every
 * door asks the policy engine. Pure: bytes in, a value or a {@link MalformedReviewException} out.
 *
 * @param apiVersion  the review's apiVersion, which the response repeats
 * @param uid         the request's uid, which the response must repeat
 * @param request     the operation, objects and user, for the engine
 * @param subResource the subresource asked for ({@code status}, {@code exec}...), empty for the object itself
 * @param namespace   the request's namespace (empty for cluster-scoped objects)
 */
public record AdmissionReview(String apiVersion, String uid, AdmissionRequest request, String subResource, String namespace) {
    public static final String V1 = "admission.k8s.io/v1";
    private static final Set<String> VERSIONS = Set.of(V1, "admission.k8s.io/v1beta1");
    /** Nesting deeper than any Kubernetes object has: a body built to exhaust the stack is refused. */
    private static final int MAX_DEPTH = 200;
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /**
     * Reads a review from the request body.
     *
     * @param now the clock reading the policies' time functions see
     * @throws MalformedReviewException saying what is wrong, when the body is not an AdmissionReview request
     */
    public static AdmissionReview parse(byte[] body, Instant now) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedReviewException("the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedReviewException("the body cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MalformedReviewException("the body is not a JSON object");
        }
        String apiVersion = root.path("apiVersion").asText("");
        if (!VERSIONS.contains(apiVersion) || !"AdmissionReview".equals(root.path("kind").asText(""))) {
            throw new MalformedReviewException("expected kind AdmissionReview of apiVersion " + V1 + ", got " + describe(root));
        }
        JsonNode request = root.path("request");
        if (!request.isObject()) {
            throw new MalformedReviewException("the AdmissionReview has no request");
        }
        String uid = text(request, "uid");
        if (uid.isEmpty()) {
            throw new MalformedReviewException("request.uid is missing");
        }
        Operation operation;
        try {
            operation = Operation.valueOf(text(request, "operation"));
        } catch (IllegalArgumentException e) {
            throw new MalformedReviewException("request.operation must be CREATE, UPDATE, DELETE or CONNECT, not '" + text(request, "operation") + "'");
        }
        ObjectNode object = object(request, "object");
        ObjectNode oldObject = object(request, "oldObject");
        if (object == null && oldObject == null) {
            throw new MalformedReviewException("request.object and request.oldObject are both missing");
        }
        String namespace = text(request, "namespace");
        placed(object, namespace);
        placed(oldObject, namespace);
        JsonNode user = request.path("userInfo");
        if (!user.isMissingNode() && !user.isObject()) {
            throw new MalformedReviewException("request.userInfo must be an object");
        }
        UserInfo userInfo = new UserInfo(text(user, "username"), text(user, "uid"), strings(user, "groups"), List.of(), List.of());
        AdmissionRequest admission = new AdmissionRequest(operation, object, oldObject, Map.of(), userInfo, Map.of(), now);
        return new AdmissionReview(apiVersion, uid, admission, text(request, "subResource"), namespace);
    }

    /**
     * The AdmissionReview the API server expects back: the same apiVersion, the request's uid, and
     * for a refusal a Status (403, Forbidden) whose message kubectl prints after
     * {@code admission webhook "..." denied the request:}.
     */
    public byte[] response(Decision decision) {
        ObjectNode root = JSON.createObjectNode();
        root.put("apiVersion", apiVersion);
        root.put("kind", "AdmissionReview");
        ObjectNode response = root.putObject("response");
        response.put("uid", uid);
        response.put("allowed", decision.allowed());
        if (!decision.allowed()) {
            ObjectNode status = response.putObject("status");
            status.put("status", "Failure");
            status.put("reason", "Forbidden");
            status.put("code", 403);
            status.put("message", decision.message());
        }
        if (!decision.warnings().isEmpty()) {
            decision.warnings().forEach(response.putArray("warnings")::add);
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an AdmissionReview response", e);
        }
    }

    /** The same review with the labels of its namespace, for policies that select by namespaceSelector. */
    public AdmissionReview withNamespaceLabels(Map<String, String> labels) {
        AdmissionRequest r = request;
        return new AdmissionReview(apiVersion, uid, new AdmissionRequest(r.operation(), r.object(), r.oldObject(), labels, r.userInfo(),
                r.variables(), r.now()), subResource, namespace);
    }

    /**
     * The object of a CREATE may not carry its namespace yet (the client named it in the URL only);
     * the policies see it where it will be stored.
     */
    private static void placed(ObjectNode object, String namespace) {
        if (object != null && !namespace.isEmpty() && object.path("metadata").path("namespace").asText("").isEmpty()) {
            object.with("metadata").put("namespace", namespace);
        }
    }

    private static String describe(JsonNode root) {
        String kind = root.path("kind").asText("");
        String apiVersion = root.path("apiVersion").asText("");
        return kind.isEmpty() && apiVersion.isEmpty() ? "neither kind nor apiVersion" : "kind '" + kind + "' of apiVersion '" + apiVersion + "'";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw new MalformedReviewException("request." + field + " must be a string");
        }
        return value.textValue();
    }

    private static ObjectNode object(JsonNode request, String field) {
        JsonNode value = request.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new MalformedReviewException("request." + field + " must be an object");
        }
        return (ObjectNode) value;
    }

    private static List<String> strings(JsonNode node, String field) {
        JsonNode value = node.path(field);
        List<String> result = new ArrayList<>();
        if (value.isMissingNode() || value.isNull()) {
            return result;
        }
        if (!value.isArray()) {
            throw new MalformedReviewException("request.userInfo." + field + " must be a list");
        }
        value.forEach(v -> result.add(v.asText()));
        return result;
    }
}
