package io.mooring.sandbox.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.catalog.ResourceType;
import io.mooring.sandbox.store.ApiException;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The subresources that are actions rather than views, as far as a cluster without kubelets can
 * do them: binding a pod to a node (what a scheduler posts), evicting a pod (what
 * {@code kubectl drain} posts; disruption budgets are not checked), a service account token
 * (not signed: the sandbox does not authenticate), and pod logs, which a simulated pod has none of.
 */
final class SubresourceActions {
    private final ResourceApi api;
    private final Clock clock;

    SubresourceActions(ResourceApi api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    /** The answer to a POST on a subresource, as a 201 body. */
    ObjectNode post(RequestTarget target, ObjectNode body, WriteOptions options) {
        ResourceType type = target.type();
        boolean core = type.group().isEmpty();
        return switch (core ? type.kind() + "/" + target.subresource() : "") {
            case "Pod/binding" -> bind(target, body, options);
            case "Pod/eviction" -> evict(target, options);
            case "ServiceAccount/token" -> token(target, body);
            default -> throw ApiException.methodNotAllowed();
        };
    }

    /** A POST to the {@code bindings} collection: the older way to bind the pod the Binding names. */
    ObjectNode bindings(RequestTarget target, ObjectNode binding, WriteOptions options) {
        ResourceType pods = api.catalog().byPlural("", "v1", "pods").orElseThrow();
        String pod = binding.path("metadata").path("name").asText("");
        return bind(new RequestTarget(pods, target.namespace(), pod, "binding", false), binding, options);
    }

    /** The answer to a GET of a subresource that is not the object itself. */
    static ApiException unreadable(RequestTarget target) {
        if (target.subresource().equals("log")) {
            return ApiException.badRequest("the Mooring sandbox simulates pods without running containers, so pod \"" + target.name()
                    + "\" has no logs");
        }
        return ApiException.badRequest("the Mooring sandbox simulates " + target.type().plural() + " and does not serve their "
                + target.subresource() + " subresource");
    }

    private ObjectNode bind(RequestTarget target, ObjectNode binding, WriteOptions options) {
        String node = binding.path("target").path("name").asText("");
        if (node.isEmpty()) {
            throw ApiException.invalid("", "Binding", target.name(), ApiException.Cause.required("target.name", ""));
        }
        return api.store().atomically(() -> {
            ObjectNode pod = api.getShared(target.type(), target.namespace(), target.name());
            String assigned = pod.path("spec").path("nodeName").asText("");
            if (!assigned.isEmpty()) {
                throw ApiException.conflict("", "pods", target.name(), "pod " + target.name() + " is already assigned to node \"" + assigned + "\"");
            }
            ObjectNode bound = pod.deepCopy();
            bound.withObjectProperty("spec").put("nodeName", node);
            api.updateShared(target.type(), target.namespace(), target.name(), bound, "", options);
            ObjectNode scheduled = api.getShared(target.type(), target.namespace(), target.name()).deepCopy();
            ObjectNode condition = scheduled.withObjectProperty("status").withArrayProperty("conditions").addObject();
            condition.put("type", "PodScheduled").put("status", "True").put("lastTransitionTime", now());
            api.updateShared(target.type(), target.namespace(), target.name(), scheduled, "status", options);
            return success(201);
        });
    }

    private ObjectNode evict(RequestTarget target, WriteOptions options) {
        api.deleteShared(target.type(), target.namespace(), target.name(), new DeleteOptions("", "", "", options.dryRun()));
        return success(201);
    }

    private ObjectNode token(RequestTarget target, ObjectNode request) {
        api.getShared(target.type(), target.namespace(), target.name());
        long seconds = request.path("spec").path("expirationSeconds").asLong(3600);
        ObjectNode result = request.deepCopy();
        result.put("kind", "TokenRequest");
        result.put("apiVersion", "authentication.k8s.io/v1");
        result.withObjectProperty("metadata").put("name", target.name()).put("namespace", target.namespace());
        result.withObjectProperty("spec").put("expirationSeconds", seconds);
        ObjectNode status = result.putObject("status");
        status.put("token", "mooring-sandbox." + target.namespace() + "." + target.name() + "." + UUID.randomUUID());
        status.put("expirationTimestamp", Instant.now(clock).plusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS).toString());
        return result;
    }

    private String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static ObjectNode success(int code) {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Success");
        status.put("code", code);
        return status;
    }
}
