package io.mooring.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javalin.http.Context;
import io.mooring.app.ApplicationActions;
import io.mooring.app.ResourceTree;
import io.mooring.config.GoDuration;
import io.mooring.web.ApiException;
import io.mooring.web.Routes;
import io.mooring.web.WebFeature;
import io.mooring.web.auth.AccessControl;
import io.mooring.web.auth.Action;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/v1/applications}: list, get, resource tree, diff, history (viewers); sync, rollback,
 * refresh (operators). The actions are {@link ApplicationActions}, the same code as
 * {@code mooring app sync|rollback|diff|history|refresh}.
 */
public final class ApplicationsApi implements WebFeature {
    private static final String ONE = "/api/v1/applications/{namespace}/{name}";

    private final ApplicationActions actions;
    private final KubernetesClient client;
    private final Operations operations;
    private final String namespace;

    /** @param namespace where Applications are listed by default; empty for every namespace */
    public ApplicationsApi(ApplicationActions actions, KubernetesClient client, Operations operations, String namespace) {
        this.actions = actions;
        this.client = client;
        this.operations = operations;
        this.namespace = namespace;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/api/v1/applications", Action.VIEW_APPLICATIONS, this::list);
        routes.get(ONE, Action.VIEW_APPLICATIONS, ctx -> Json.send(ctx, 200, ApplicationViews.detail(resource(ctx))));
        routes.get(ONE + "/resources", Action.VIEW_APPLICATIONS, this::tree);
        routes.get(ONE + "/diff", Action.VIEW_APPLICATIONS, ctx -> Json.send(ctx, 200,
                ApplicationViews.diff(actions.diff(ctx.pathParam("namespace"), ctx.pathParam("name"), ctx.queryParam("revision")))));
        routes.get(ONE + "/history", Action.VIEW_APPLICATIONS, ctx -> Json.send(ctx, 200,
                Json.items(actions.history(ctx.pathParam("namespace"), ctx.pathParam("name")))));
        routes.post(ONE + "/sync", Action.SYNC, this::sync);
        routes.post(ONE + "/rollback", Action.ROLLBACK, this::rollback);
        routes.post(ONE + "/refresh", Action.REFRESH, ctx -> {
            actions.refresh(ctx.pathParam("namespace"), ctx.pathParam("name"));
            Json.send(ctx, 202, Json.object().put("message", "refresh of " + ctx.pathParam("namespace") + "/" + ctx.pathParam("name")
                    + " requested: the controller fetches and compares it now"));
        });
        routes.get("/api/v1/operations/{id}", Action.VIEW_APPLICATIONS, ctx -> Json.send(ctx, 200, operations.find(ctx.pathParam("id"))
                .orElseThrow(() -> ApiException.notFound("no operation " + ctx.pathParam("id"),
                        "operations are kept in memory, the last " + Operations.KEPT + "; the Application's history keeps every sync"))
                .toJson()));
    }

    private void list(Context ctx) {
        String wanted = ctx.queryParam("namespace") != null ? ctx.queryParam("namespace") : namespace;
        String environment = ctx.queryParam("environment");
        List<ObjectNode> items = new ArrayList<>();
        for (ObjectNode resource : actions.applications().list(wanted)) {
            if (environment == null || environment.equals(resource.path("spec").path("environment").asText(""))) {
                items.add(ApplicationViews.summary(resource));
            }
        }
        items.sort(Comparator.comparing((ObjectNode n) -> n.path("namespace").asText()).thenComparing(n -> n.path("name").asText()));
        Json.send(ctx, 200, Json.items(items));
    }

    private ObjectNode resource(Context ctx) {
        return actions.resource(ctx.pathParam("namespace"), ctx.pathParam("name"));
    }

    private void tree(Context ctx) {
        Json.send(ctx, 200, Json.items(resourceTree(client, resource(ctx))));
    }

    /**
     * The resource tree of an Application (the API's and the portal's): its managed objects, and below
     * them what the cluster made for them, listed once per namespace and kind.
     */
    public static List<ObjectNode> resourceTree(KubernetesClient client, JsonNode application) {
        JsonNode managed = application.path("status").path("resources");
        Set<String> namespaces = new LinkedHashSet<>();
        managed.forEach(r -> {
            if (!r.path("namespace").asText("").isEmpty()) {
                namespaces.add(r.path("namespace").asText());
            }
        });
        List<JsonNode> candidates = new ArrayList<>();
        for (String ns : namespaces) {
            candidates.addAll(list(client, ns, "apps/v1", "ReplicaSet"));
            candidates.addAll(list(client, ns, "v1", "Pod"));
            candidates.addAll(list(client, ns, "batch/v1", "Job"));
        }
        return ResourceTree.build(managed, candidates);
    }

    private static List<JsonNode> list(KubernetesClient client, String namespace, String apiVersion, String kind) {
        List<JsonNode> objects = new ArrayList<>();
        for (GenericKubernetesResource item : client.genericKubernetesResources(apiVersion, kind).inNamespace(namespace).list().getItems()) {
            objects.add(client.getKubernetesSerialization().convertValue(item, JsonNode.class));
        }
        return objects;
    }

    private void sync(Context ctx) {
        String ns = ctx.pathParam("namespace");
        String name = ctx.pathParam("name");
        ObjectNode body = Json.body(ctx);
        actions.resource(ns, name);
        ApplicationActions.SyncRequest request = new ApplicationActions.SyncRequest(text(body, "revision"), body.path("dryRun").asBoolean(false),
                body.hasNonNull("prune") ? body.get("prune").asBoolean() : null, body.path("confirmPrune").asBoolean(false),
                duration(text(body, "timeout")));
        String actor = AccessControl.actor(ctx);
        start(ctx, "sync", ns, name, progress -> actions.sync(ns, name, request, "api:" + actor, progress));
    }

    private void rollback(Context ctx) {
        String ns = ctx.pathParam("namespace");
        String name = ctx.pathParam("name");
        JsonNode id = Json.body(ctx).path("id");
        if (!id.canConvertToLong()) {
            throw ApiException.badRequest("the rollback needs the id of a history entry", "send {\"id\": N} with an id from GET " + ONE + "/history");
        }
        actions.rollbackTarget(actions.resource(ns, name), id.asLong()); // refused here, at once, with its reason
        String actor = AccessControl.actor(ctx);
        start(ctx, "rollback", ns, name, progress -> actions.rollback(ns, name, id.asLong(), "api:" + actor, progress));
    }

    private void start(Context ctx, String kind, String ns, String name,
                       java.util.function.Function<java.util.function.Consumer<io.mooring.sync.SyncEvent>, io.mooring.sync.SyncResult> work) {
        Operations.Operation operation = operations.start(kind, ns, name, AccessControl.actor(ctx), ctx.ip(), work);
        ctx.attribute(AccessControl.AUDIT_DETAIL, "operation " + operation.id());
        ctx.header("Location", "/api/v1/operations/" + operation.id());
        Json.send(ctx, 202, operation.toJson());
    }

    private static String text(JsonNode body, String field) {
        return body.hasNonNull(field) && !body.get(field).asText().isEmpty() ? body.get(field).asText() : null;
    }

    private static Duration duration(String text) {
        if (text == null) {
            return Duration.ofMinutes(5);
        }
        try {
            return GoDuration.parse(text);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("timeout '" + text + "' is no duration", "write it as Go does: 90s, 5m, 1h30m");
        }
    }
}
