package io.mooring.web.portal;

import io.mooring.web.Redirect;
import io.mooring.web.Routes;
import io.mooring.web.WebFeature;
import io.mooring.web.auth.Action;
import io.mooring.web.page.Pages;

import java.util.Map;

/** {@code GET /}: every Application with its sync state and health, counts, and filters by name, environment and state. */
record OverviewPage(Pages pages, LiveApplications live) implements WebFeature {
    @Override
    public void register(Routes routes) {
        routes.get("/", Action.VIEW_APPLICATIONS, ctx -> {
            String namespace = ctx.queryParam("namespace") != null ? ctx.queryParam("namespace") : live.namespace();
            Overview overview = Overview.of(live.list(namespace).stream().map(AppSummary::of).toList(),
                    Overview.Filter.of(ctx.queryParam("q"), ctx.queryParam("environment"), ctx.queryParam("state")));
            Views.render(pages, ctx, "overview", "Applications", Map.of("overview", overview));
        });
        routes.get("/applications", Action.VIEW_APPLICATIONS, ctx -> {
            throw new Redirect("/" + (ctx.queryString() == null ? "" : "?" + ctx.queryString()));
        });
    }
}
