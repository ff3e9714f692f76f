package io.mooring.web.page;

import io.mooring.web.Routes;
import io.mooring.web.WebFeature;
import io.mooring.web.auth.Action;

import java.util.Map;

/** {@code GET /}: who is signed in and where to go; the portal's pages replace it. */
public record HomePage(Pages pages) implements WebFeature {
    @Override
    public void register(Routes routes) {
        routes.get("/", Action.VIEW_APPLICATIONS, ctx -> pages.render(ctx, "home.jte", "Mooring", Map.of()));
    }
}
