package io.mooring.cli.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.app.ApplicationActions;
import io.mooring.app.Applications;
import io.mooring.cluster.ClusterClient;
import io.mooring.cluster.LiveQuery;
import io.mooring.cluster.ResourceTypes;
import io.mooring.cluster.Retrying;
import io.mooring.controller.RepositoryCredentials;
import io.mooring.git.GitRepositories;
import io.mooring.sync.Renderings;
import io.mooring.sync.SyncEngine;


/**
 * What an {@code app} command works with: the cluster, its Applications, and a sync engine that
 * runs in the CLI's own process (reading the live state by label queries) so that a command works
 * whether or not a controller runs.
 */
final class AppContext implements AutoCloseable {
    final KubernetesClient client;
    final Applications applications;
    final ClusterClient cluster;
    final SyncEngine engine;
    final ApplicationActions actions;
    private final GitRepositories git;

    AppContext(KubeOptions kube) {
        client = kube.connect();
        applications = new Applications(client, Retrying.DEFAULT);
        cluster = new ClusterClient(client, new ResourceTypes(client), Retrying.DEFAULT);
        git = new GitRepositories(KubeOptions.gitCache());
        engine = new SyncEngine(new Renderings(git), cluster, new LiveQuery(cluster));
        actions = new ApplicationActions(applications, engine);
    }

    /** Uses the repository credentials of the Applications' namespace (where the controller reads them too). */
    AppContext withCredentialsOf(String namespace) {
        try {
            RepositoryCredentials.loadOnce(client, namespace, git);
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            // Not allowed to read Secrets: public repositories still work; a private one says so when fetched.
        }
        return this;
    }

    /** The Application custom resource, or a clear error naming where it was looked for. */
    ObjectNode resource(String namespace, String name) {
        return actions.resource(namespace, name);
    }

    @Override
    public void close() {
        client.close();
    }
}
