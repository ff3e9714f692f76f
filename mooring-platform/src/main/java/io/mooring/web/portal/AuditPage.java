package io.mooring.web.portal;

import io.mooring.web.Routes;
import io.mooring.web.WebFeature;
import io.mooring.web.audit.AuditEntry;
import io.mooring.web.audit.AuditLog;
import io.mooring.web.auth.Action;
import io.mooring.web.page.Pages;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** {@code GET /audit} (admins): the audit log, newest first, filtered by actor, action and result. */
record AuditPage(Pages pages, AuditLog audit) implements WebFeature {
    static final int SHOWN = 300;

    @Override
    public void register(Routes routes) {
        routes.get("/audit", Action.VIEW_AUDIT, ctx -> {
            String actor = Views.param(ctx, "actor").trim();
            String action = Views.param(ctx, "action").trim();
            String result = Views.param(ctx, "result").trim();
            Predicate<AuditEntry> filter = e -> (actor.isEmpty() || e.actor().contains(actor))
                    && (action.isEmpty() || e.action().equalsIgnoreCase(action)) && (result.isEmpty() || e.result().equalsIgnoreCase(result));
            List<AuditEntry> entries = audit.recent(SHOWN, filter);
            Views.render(pages, ctx, "audit", "Audit log", Map.of("entries", entries, "actor", actor, "action", action, "result", result,
                    "shown", SHOWN));
        });
    }
}
