package io.mooring.web.portal;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.app.ApplicationActions;
import io.mooring.web.WebFeature;
import io.mooring.web.api.Operations;
import io.mooring.web.audit.AuditLog;
import io.mooring.web.page.Pages;

import java.util.List;

/**
 * The web portal: server-rendered pages (applications overview, an Application's page,
 * environments side by side, policies, the audit log) that update live when an Application changes.
 * Sync, rollback and refresh run the same actions and operations as the REST API. See docs/portal.md.
 */
public final class Portal implements AutoCloseable {
    private final LiveApplications live;
    private final LiveUpdates updates;
    private final List<WebFeature> features;

    /** @param namespace where the pages list Applications; empty for every namespace */
    public Portal(KubernetesClient client, ApplicationActions actions, Operations operations, AuditLog audit, Pages pages, String namespace) {
        this.live = new LiveApplications(client, actions.applications(), namespace);
        this.updates = new LiveUpdates(live);
        this.features = List.of(new Assets(), updates, new OverviewPage(pages, live), new ApplicationPage(pages, actions, client, operations),
                new EnvironmentsPage(pages, client, live), new PoliciesPage(pages, live), new AuditPage(pages, audit));
    }

    public List<WebFeature> features() {
        return features;
    }

    @Override
    public void close() {
        updates.close();
        live.close();
    }
}
