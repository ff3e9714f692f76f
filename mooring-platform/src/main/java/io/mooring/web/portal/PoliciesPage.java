package io.mooring.web.portal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.web.Routes;
import io.mooring.web.WebFeature;
import io.mooring.web.auth.Action;
import io.mooring.web.page.Pages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /policies}: per Application, the verdict of the sync's guard step as its status holds
 * it ({@code status.policy}: result, sources, counts, violations), and the policies that are
 * violated. An Application without the field (no policies, or a controller that does not check
 * them) is counted, not shown.
 */
record PoliciesPage(Pages pages, LiveApplications live) implements WebFeature {
    @Override
    public void register(Routes routes) {
        routes.get("/policies", Action.VIEW_APPLICATIONS, ctx -> {
            List<PolicyOverview.Entry> entries = new ArrayList<>();
            int unchecked = 0;
            for (ObjectNode resource : live.list(live.namespace())) {
                Optional<PolicyReport> report = PolicyReport.of(resource.path("status"));
                if (report.isPresent()) {
                    entries.add(new PolicyOverview.Entry(AppSummary.of(resource), report.get()));
                } else {
                    unchecked++;
                }
            }
            Views.render(pages, ctx, "policies", "Policies", Map.of("policies", PolicyOverview.of(entries, unchecked)));
        });
    }
}
