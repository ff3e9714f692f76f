package io.mooring.web.portal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javalin.http.Context;
import io.mooring.app.ApplicationActions;
import io.mooring.app.ApplicationStatus;
import io.mooring.resource.ManifestException;
import io.mooring.sync.SourceException;
import io.mooring.sync.SyncEvent;
import io.mooring.sync.SyncResult;
import io.mooring.web.ApiException;
import io.mooring.web.Redirect;
import io.mooring.web.Routes;
import io.mooring.web.WebFeature;
import io.mooring.web.api.ApplicationsApi;
import io.mooring.web.api.Operations;
import io.mooring.web.auth.AccessControl;
import io.mooring.web.auth.Action;
import io.mooring.web.page.Pages;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An Application's page: its state, resource tree, policy verdict, history with commit links, and
 * the live diff; the sync, rollback and refresh buttons (operators), which run the same actions as
 * the API and the CLI, as operations the page follows step by step, each audited.
 */
final class ApplicationPage implements WebFeature {
    private static final String ONE = "/applications/{namespace}/{name}";

    private final Pages pages;
    private final ApplicationActions actions;
    private final KubernetesClient client;
    private final Operations operations;

    ApplicationPage(Pages pages, ApplicationActions actions, KubernetesClient client, Operations operations) {
        this.pages = pages;
        this.actions = actions;
        this.client = client;
        this.operations = operations;
    }

    @Override
    public void register(Routes routes) {
        routes.get(ONE, Action.VIEW_APPLICATIONS, this::show);
        routes.get(ONE + "/diff", Action.VIEW_APPLICATIONS, this::diff);
        routes.post(ONE + "/sync", Action.SYNC, this::sync);
        routes.post(ONE + "/rollback", Action.ROLLBACK, this::rollback);
        routes.post(ONE + "/refresh", Action.REFRESH, ctx -> {
            actions.refresh(ctx.pathParam("namespace"), ctx.pathParam("name"));
            throw new Redirect(href(ctx));
        });
        routes.get("/operations/{id}", Action.VIEW_APPLICATIONS, ctx -> Views.render(pages, ctx, "operation", "Operation",
                Map.of("operation", operation(ctx.pathParam("id")), "id", ctx.pathParam("id"))));
    }

    private void show(Context ctx) {
        ObjectNode resource = actions.resource(ctx.pathParam("namespace"), ctx.pathParam("name"));
        AppSummary app = AppSummary.of(resource);
        Views.render(pages, ctx, "application", app.name(), Map.of(
                "app", app,
                "tree", TreeNode.of(ApplicationsApi.resourceTree(client, resource)),
                "history", HistoryEntry.newestFirst(ApplicationStatus.history(resource.path("status"))),
                "policy", PolicyReport.of(resource.path("status")),
                "operation", operation(Views.param(ctx, "operation"))));
    }

    private Optional<OperationView> operation(String id) {
        return id.isEmpty() ? Optional.empty() : operations.find(id).map(o -> OperationView.of(o.toJson()));
    }

    private void diff(Context ctx) {
        AppSummary app = AppSummary.of(actions.resource(ctx.pathParam("namespace"), ctx.pathParam("name")));
        Optional<DiffView> diff;
        String error = "";
        try {
            diff = Optional.of(DiffView.of(actions.diff(app.namespace(), app.name(), null)));
        } catch (SourceException | ManifestException e) {
            diff = Optional.empty();
            error = e.getMessage();
        }
        Views.render(pages, ctx, "diff", "Diff of " + app.name(), Map.of("app", app, "diff", diff, "error", error));
    }

    private void sync(Context ctx) {
        String namespace = ctx.pathParam("namespace");
        String name = ctx.pathParam("name");
        actions.resource(namespace, name);
        // An unticked box sends nothing: the Application's own sync policy decides then.
        Boolean prune = ctx.formParam("prune") != null ? Boolean.TRUE : null;
        var request = new ApplicationActions.SyncRequest(null, false, prune, false, Duration.ofMinutes(5));
        String by = initiator(ctx);
        start(ctx, "sync", progress -> actions.sync(namespace, name, request, by, progress));
    }

    private void rollback(Context ctx) {
        String namespace = ctx.pathParam("namespace");
        String name = ctx.pathParam("name");
        long id = historyId(ctx.formParam("id"));
        actions.rollbackTarget(actions.resource(namespace, name), id); // refused here, at once, with its reason
        String by = initiator(ctx);
        start(ctx, "rollback", progress -> actions.rollback(namespace, name, id, by, progress));
    }

    private static long historyId(String text) {
        try {
            return Long.parseLong(String.valueOf(text));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("the rollback needs the id of a history entry", "use a Rollback button of the history table");
        }
    }

    private void start(Context ctx, String kind, Function<Consumer<SyncEvent>, SyncResult> work) {
        Operations.Operation operation = operations.start(kind, ctx.pathParam("namespace"), ctx.pathParam("name"), AccessControl.actor(ctx),
                ctx.ip(), work);
        ctx.attribute(AccessControl.AUDIT_DETAIL, "operation " + operation.id());
        throw new Redirect(href(ctx) + "?operation=" + operation.id());
    }

    /** How the history and the Events name who synced: {@code portal:local:alice}, as the API writes {@code api:...}. */
    private static String initiator(Context ctx) {
        return "portal:" + AccessControl.actor(ctx);
    }

    private static String href(Context ctx) {
        return "/applications/" + ctx.pathParam("namespace") + "/" + ctx.pathParam("name");
    }
}
