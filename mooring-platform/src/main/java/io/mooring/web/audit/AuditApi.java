package io.mooring.web.audit;

import io.mooring.web.Routes;
import io.mooring.web.WebFeature;
import io.mooring.web.api.Json;
import io.mooring.web.auth.Action;

/** {@code GET /api/v1/audit?limit=&actor=&action=}: the newest entries first, for admins. */
public record AuditApi(AuditLog log) implements WebFeature {
    @Override
    public void register(Routes routes) {
        routes.get("/api/v1/audit", Action.VIEW_AUDIT, ctx -> {
            String actor = ctx.queryParam("actor");
            String action = ctx.queryParam("action");
            var entries = log.recent(Json.limit(ctx, 100, AuditLog.LIMIT), e -> (actor == null || actor.equals(e.actor()))
                    && (action == null || action.equalsIgnoreCase(e.action())));
            Json.send(ctx, 200, Json.items(entries.stream().map(AuditEntry::toJson).toList()));
        });
    }
}
