package io.mooring.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.app.ApplicationActions;
import io.mooring.app.Applications;
import io.mooring.cli.app.KubeOptions;
import io.mooring.cluster.ClusterClient;
import io.mooring.cluster.LiveQuery;
import io.mooring.cluster.ResourceTypes;
import io.mooring.cluster.Retrying;
import io.mooring.config.GoDuration;
import io.mooring.controller.ApplicationController;
import io.mooring.controller.ControllerSettings;
import io.mooring.controller.LeaderElection;
import io.mooring.controller.RepositoryCredentials;
import io.mooring.git.GitRepositories;
import io.mooring.sync.Renderings;
import io.mooring.sync.SyncEngine;
import io.mooring.web.ControlPlaneWeb;
import io.mooring.web.health.HealthRoutes;
import io.mooring.web.metrics.MicrometerMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/** {@code mooring controller}: reconciles every Application until stopped. */
@Command(name = "controller", mixinStandardHelpOptions = true,
        description = {"Keep every Application synced: watch Applications and the objects they own, fetch Git, compare, sync.",
                "Runs until stopped (Ctrl-C or SIGTERM). With several replicas, one leads through a Lease; the others wait."})
public final class ControllerCommand implements Callable<Integer> {
    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", defaultValue = "mooring",
            description = "Where Applications live, and the Lease (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = {"-A", "--all-namespaces"}, description = "Reconcile Applications of every namespace.")
    boolean allNamespaces;

    @Option(names = "--poll", paramLabel = "DURATION", defaultValue = "60s",
            description = "How often each repository is fetched without a refresh or webhook (default: ${DEFAULT-VALUE}).")
    String poll;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "16", description = "Applications reconciled at once (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--leader-elect", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Take a Lease before working, so that only one replica reconciles (default: on).")
    boolean leaderElect;

    @Option(names = "--cache", paramLabel = "DIR", description = "Where Git mirrors and checkouts are kept (default: ~/.cache/mooring/git).")
    Path cache;

    @Mixin
    KubeOptions kube;

    @Mixin
    WebOptions web;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        KubernetesClient client = kube.connect();
        ControllerSettings settings = ControllerSettings.defaults().withNamespace(allNamespaces ? "" : namespace)
                .withPollInterval(GoDuration.parse(poll)).withWorkers(workers);
        MicrometerMetrics metrics = new MicrometerMetrics();
        GitRepositories git = new GitRepositories(cache != null ? cache : KubeOptions.gitCache(), metrics);
        Renderings renderings = new Renderings(git, metrics);
        ClusterClient cluster = new ClusterClient(client, new ResourceTypes(client), Retrying.DEFAULT);
        Applications applications = new Applications(client, Retrying.DEFAULT);
        ApplicationController controller = new ApplicationController(cluster, applications, renderings, settings, metrics);
        metrics.queueDepth(controller::queued);
        RepositoryCredentials credentials = new RepositoryCredentials(client, namespace, git);
        // With leader election this replica may not reconcile, so its informers' cache is empty: the
        // API's actions then read the live objects by label queries, as the CLI's do.
        SyncEngine engine = leaderElect ? new SyncEngine(renderings, cluster, new LiveQuery(cluster), settings.pollInterval(), metrics) : controller.engine();
        ControlPlaneWeb portal = ControlPlaneWeb.start(web.settings(settings.namespace()), new ControlPlaneWeb.Services(client,
                new ApplicationActions(applications, engine), renderings::inputs, metrics,
                leaderElect ? List.of() : List.of(new HealthRoutes.Check("controller", controller::started)), List.of()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            portal.close();
            controller.close();
            credentials.close();
            client.close();
            stopped.countDown();
        }, "mooring-shutdown"));
        Termination.onSignalsRunShutdownHooks();
        String identity = ManagementFactory.getRuntimeMXBean().getName();
        out.println("mooring controller " + identity + ": Applications in " + (allNamespaces ? "every namespace" : "namespace " + namespace)
                + ", polling every " + poll + "; portal and API at " + portal.server().url());
        portal.adminPassword().ifPresent(password -> out.println("First start: sign in as admin with the password " + password
                + " (shown this once, stored hashed in namespace " + portal.systemNamespace() + "; you choose your own at the first sign-in)"));
        out.flush();
        if (leaderElect) {
            CompletableFuture<?> election = LeaderElection.run(client, namespace, identity, Duration.ofSeconds(15), controller::start, () -> {
                // Another replica leads now: stop at once rather than reconcile beside it.
                System.exit(1);
            });
            stopped.await();
            election.cancel(true);
        } else {
            controller.start();
            stopped.await();
        }
        return 0;
    }
}
