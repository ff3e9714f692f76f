package io.mooring.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.policy.jmespath.JsonValues;
import io.mooring.policy.match.MatchedRequest;
import io.mooring.resource.ResourceKey;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What every rule sees of one request: the JSON document variables are queried in ({@code request},
 * {@code images}, {@code serviceAccountName}, CLI values) and the facts match and exclude use.
 */
final class RequestContext {
    private static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";

    final AdmissionRequest request;
    final ObjectNode root;
    final MatchedRequest matched;
    final ResourceKey key;

    private RequestContext(AdmissionRequest request) {
        this.request = request;
        ObjectNode subject = request.subject();
        this.key = ResourceKey.of(subject);
        this.root = buildRoot(request, subject, key);
        this.matched = new MatchedRequest(key.group(), key.version(), key.kind(), key.namespace(), name(subject, key),
                stringMap(subject.path("metadata").path("labels")), stringMap(subject.path("metadata").path("annotations")),
                request.operation().name(), request.namespaceLabels(), request.userInfo().username(), request.userInfo().groups(),
                request.userInfo().roles(), request.userInfo().clusterRoles());
    }

    static RequestContext of(AdmissionRequest request) {
        return new RequestContext(request);
    }

    /** Kyverno's "old policy context" of an UPDATE: the old object in the new one's place, and no old object. */
    RequestContext forOldObject() {
        return new RequestContext(new AdmissionRequest(request.operation(), request.oldObject(), null, request.namespaceLabels(),
                request.userInfo(), request.variables(), request.now()));
    }

    /** An UPDATE with both objects present: patterns then compare their verdict on the old object. */
    boolean isUpdate() {
        return request.operation() == Operation.UPDATE && request.oldObject() != null && request.object() != null;
    }

    boolean isDelete() {
        return request.operation() == Operation.DELETE;
    }

    private static String name(ObjectNode object, ResourceKey key) {
        return key.name().isEmpty() ? object.path("metadata").path("generateName").asText("") : key.name();
    }

    private static ObjectNode buildRoot(AdmissionRequest request, ObjectNode subject, ResourceKey key) {
        ObjectNode root = JsonValues.object();
        ObjectNode req = root.putObject("request");
        req.put("operation", request.operation().name());
        if (request.object() != null) {
            req.set("object", request.object());
        }
        if (request.oldObject() != null) {
            req.set("oldObject", request.oldObject());
        }
        req.put("namespace", key.namespace());
        req.put("name", key.name());
        ObjectNode kind = req.putObject("kind");
        kind.put("group", key.group()).put("version", key.version()).put("kind", key.kind());
        UserInfo user = request.userInfo();
        ObjectNode userInfo = req.putObject("userInfo");
        if (!user.username().isEmpty()) {
            userInfo.put("username", user.username());
        }
        if (!user.uid().isEmpty()) {
            userInfo.put("uid", user.uid());
        }
        if (!user.groups().isEmpty()) {
            userInfo.set("groups", strings(user.groups()));
        }
        req.set("roles", strings(user.roles()));
        req.set("clusterRoles", strings(user.clusterRoles()));
        if (user.username().startsWith(SERVICE_ACCOUNT_PREFIX)) {
            String[] parts = user.username().substring(SERVICE_ACCOUNT_PREFIX.length()).split(":", 2);
            if (parts.length == 2) {
                root.put("serviceAccountNamespace", parts[0]);
                root.put("serviceAccountName", parts[1]);
            }
        } else {
            root.put("serviceAccountName", "");
            root.put("serviceAccountNamespace", "");
        }
        root.set("images", ImageInfos.of(subject));
        request.variables().forEach((path, value) -> setPath(root, path, value));
        return root;
    }

    /** Sets a dotted path ({@code request.operation}) in the document, creating objects on the way. */
    private static void setPath(ObjectNode root, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = node.get(parts[i]);
            ObjectNode copy = JsonValues.object();
            if (next != null && next.isObject()) {
                copy.setAll((ObjectNode) next);
            }
            node.set(parts[i], copy);
            node = copy;
        }
        node.set(parts[parts.length - 1], value);
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = JsonValues.array();
        values.forEach(array::add);
        return array;
    }

    private static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            map.put(entry.getKey(), entry.getValue().isTextual() ? entry.getValue().textValue() : entry.getValue().toString());
        }
        return map;
    }
}
