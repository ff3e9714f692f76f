package io.mooring.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.app.Applications;
import io.mooring.app.ApplicationActions;
import io.mooring.cli.app.KubeOptions;
import io.mooring.cli.sandbox.SandboxDirectory;
import io.mooring.cli.sandbox.SandboxInfo;
import io.mooring.cli.sandbox.SandboxProcess;
import io.mooring.cluster.ClusterClient;
import io.mooring.cluster.Kube;
import io.mooring.cluster.ResourceTypes;
import io.mooring.cluster.Retrying;
import io.mooring.config.Application;
import io.mooring.config.GoDuration;
import io.mooring.controller.ApplicationController;
import io.mooring.controller.ControllerSettings;
import io.mooring.controller.RepositoryCredentials;
import io.mooring.git.Commit;
import io.mooring.git.GitRepositories;
import io.mooring.resource.ManifestException;
import io.mooring.resource.YamlDocument;
import io.mooring.resource.YamlReader;
import io.mooring.sync.Renderings;
import io.mooring.web.ControlPlaneWeb;
import io.mooring.web.health.HealthRoutes;
import io.mooring.web.metrics.MicrometerMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * {@code mooring up}: Mooring on this machine. Serves a platform repo from Git (or uses the Git URL
 * given), starts the sandbox in the background (or uses the one that runs, or the cluster of
 * {@code --kubeconfig}), declares the repo's Applications in it, and runs the controller and the
 * portal's HTTP server in the foreground, printing each Application's state as it changes, until
 * stopped.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Run Mooring on this machine: the sandbox cluster and the controller, syncing a platform repo.",
                "Serves the repo from Git (a directory that is not a Git work tree is committed into a repository of its own, "
                        + "again at each run when it changed), starts the sandbox in the background (or uses the one that runs), "
                        + "declares the repo's Applications (applications/*.yaml) in it, and keeps them synced until stopped with Ctrl-C."})
final class UpCommand implements Callable<Integer> {
    private static final int SANDBOX_NODES = 3;
    private static final String NAMESPACE = "mooring";

    @Option(names = "--repo", paramLabel = "PATH|URL",
            description = {"The platform repo: a directory (default: examples/platform of this checkout), or a Git URL (https://, ssh://, "
                    + "git@host:org/repo) whose default branch declares the Applications in applications/."})
    String repo;

    @Option(names = "--state", paramLabel = "DIR",
            description = {"Where the sandbox keeps its objects across runs (default: .mooring/sandbox of the Git checkout "
                    + "around the current directory, or ~/.mooring/sandbox)."})
    Path state;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Sync into the cluster of this kubeconfig instead of the sandbox.")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "With --kubeconfig: the context to use (default: its current context).")
    String context;

    @Option(names = "--exit-when-synced", description = "Exit once every Application is synced and healthy (for scripts): 0, or 1 at --timeout.")
    boolean exitWhenSynced;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m",
            description = "With --exit-when-synced: how long to wait (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--reset-admin-password", description = "Give the local admin a new generated password (printed once), e.g. when it was lost.")
    boolean resetAdminPassword;

    @Mixin
    WebOptions web;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        boolean remote = repo != null && isUrl(repo);
        Path platform = remote ? null : repo != null ? Path.of(repo) : defaultRepo();
        List<ObjectNode> declared = remote ? null : declarations(platform.resolve("applications"));
        SandboxDirectory directory = SandboxDirectory.of(state).kept();
        PlatformRepo served = remote ? null : PlatformRepo.serve(platform, directory.path().resolveSibling("platform-repo"));
        if (served != null) {
            out.println("Platform repo " + platform + (served.snapshot()
                    ? " (not a Git work tree: committed into " + served.url() + ")" : "") + ", " + served.revision() + " at "
                    + served.head().substring(0, 7) + ".");
        }

        SandboxProcess.Running sandbox = kubeconfig == null ? sandbox(directory, out) : null;
        Path config = sandbox == null ? kubeconfig : Path.of(sandbox.record().kubeconfig());
        KubernetesClient client = Kube.connect(config, sandbox == null ? context : null, null);
        Applications applications = new Applications(client, Retrying.DEFAULT);
        applications.installCrds();
        applications.awaitServed(Duration.ofSeconds(30));
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
                .fieldManager("mooring-up").serverSideApply();
        MicrometerMetrics metrics = new MicrometerMetrics();
        GitRepositories git = new GitRepositories(KubeOptions.gitCache(), metrics);
        RepositoryCredentials credentials = new RepositoryCredentials(client, NAMESPACE, git);
        if (remote) {
            Commit head = git.resolve(repo, "");
            declared = declarations(git.checkout(repo, head.sha()).resolve("applications"));
            out.println("Platform repo " + repo + ", its default branch at " + head.shortSha() + ".");
        }
        if (sandbox != null && platform != null) {
            io.mooring.cli.secrets.DemoKeys.importInto(client, platform, out);
        }
        List<String> names = declare(client, applications, declared, served, out);

        Renderings renderings = new Renderings(git, metrics);
        ApplicationController controller = new ApplicationController(new ClusterClient(client, new ResourceTypes(client), Retrying.DEFAULT),
                applications, renderings, ControllerSettings.defaults().withNamespace(NAMESPACE).withPollInterval(Duration.ofSeconds(15)), metrics);
        metrics.queueDepth(controller::queued);
        ControlPlaneWeb portal;
        try {
            portal = ControlPlaneWeb.start(web.settings(NAMESPACE), new ControlPlaneWeb.Services(client,
                    new ApplicationActions(applications, controller.engine()), renderings::inputs, metrics,
                    List.of(new HealthRoutes.Check("controller", controller::started)), List.of()));
        } catch (RuntimeException e) {
            credentials.close();
            client.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            portal.close();
            controller.close();
            credentials.close();
            client.close();
            stopped.countDown();
        }, "mooring-up-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        Termination.onSignalsRunShutdownHooks();
        controller.start();
        printPortal(out, portal);
        out.println("The controller runs; Applications as they change (Ctrl-C stops it, the sandbox keeps running):");
        out.flush();
        boolean synced = watch(applications, names, out, stopped);
        if (!synced && exitWhenSynced) {
            spec.commandLine().getErr().println("error: not every Application is synced and healthy after " + timeout
                    + " (see 'mooring app get NAME')");
        }
        if (sandbox != null) {
            SandboxInfo.printUsage(out, sandbox.record(), state == null ? "" : " --state " + state, "mooring app list");
        }
        out.flush();
        if (stopped.getCount() > 0) { // not stopped by Ctrl-C: stop the controller here
            Runtime.getRuntime().removeShutdownHook(shutdown);
            shutdown.run();
        }
        return synced ? 0 : ErrorHandler.FAILED;
    }

    /** Where the portal is and how to sign in the first time (the generated password is printed this once, and stored hashed). */
    private void printPortal(PrintWriter out, ControlPlaneWeb portal) {
        String url = portal.server().url().toString();
        out.println("Portal and REST API: " + url + " (API " + url + "/api/v1, metrics " + url + "/metrics, webhooks "
                + url + "/api/v1/webhooks/github|gitlab|gitea)");
        String password = resetAdminPassword ? portal.resetAdminPassword() : portal.adminPassword().orElse(null);
        if (password != null) {
            out.println("Sign in as admin with the password " + password);
            out.println("  (shown this once and stored hashed in namespace " + portal.systemNamespace()
                    + "; you choose your own at the first sign-in)");
        } else {
            out.println("Sign in as admin with the password printed at the first start (lost: mooring up --reset-admin-password).");
        }
    }

    static boolean isUrl(String repo) {
        return repo.contains("://") || repo.matches("^[A-Za-z0-9._-]+@[^:/]+:.+");
    }

    /** The Applications and Environments of {@code applications/}, as files in the repo declare them. */
    static List<ObjectNode> declarations(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ManifestException(dir.toString(), 0, "no applications/ directory in the platform repo",
                    "declare the repo's Applications there (see examples/platform/applications and docs/gitops.md)");
        }
        List<ObjectNode> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList()) {
                for (YamlDocument document : new YamlReader().read(file.toString(), Files.readString(file))) {
                    if (document.isEmpty()) {
                        continue;
                    }
                    if (!(document.value() instanceof ObjectNode object)) {
                        throw new ManifestException(file.toString(), document.line(), "not an object", null);
                    }
                    if (Application.KIND.equals(object.path("kind").asText())) {
                        Application.parse(file + ":" + document.line(), object); // refused here, with its place, when invalid
                    }
                    documents.add(object);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
        if (documents.stream().noneMatch(d -> Application.KIND.equals(d.path("kind").asText()))) {
            throw new ManifestException(dir.toString(), 0, "no Application declared", "see examples/platform/applications");
        }
        return documents;
    }

    /**
     * Applies the declarations, each Application pointed at the repo served here (the files name
     * the team's remote, which this machine may not reach) unless {@code served} is null (a repo
     * given by URL: its declarations are used as they are), and asks for a refresh so that a new
     * commit is fetched at once. Returns the Applications' names.
     */
    private static List<String> declare(KubernetesClient client, Applications applications, List<ObjectNode> declared, PlatformRepo served,
                                        PrintWriter out) {
        List<String> names = new ArrayList<>();
        for (ObjectNode original : declared) {
            ObjectNode object = original.deepCopy();
            ObjectNode metadata = object.with("metadata");
            if (metadata.path("namespace").asText("").isEmpty()) {
                metadata.put("namespace", NAMESPACE);
            }
            if (Application.KIND.equals(object.path("kind").asText()) && served != null) {
                ObjectNode source = object.with("spec").with("source");
                source.put("repoURL", served.url());
                source.put("targetRevision", served.revision());
            }
            if (Application.KIND.equals(object.path("kind").asText())) {
                names.add(metadata.path("name").asText());
            }
            GenericKubernetesResource resource = client.getKubernetesSerialization().convertValue(object, GenericKubernetesResource.class);
            client.resource(resource).fieldManager("mooring-up").forceConflicts().serverSideApply();
            if (Application.KIND.equals(object.path("kind").asText())) {
                applications.requestRefresh(metadata.path("namespace").asText(), metadata.path("name").asText());
            }
        }
        out.println("Declared " + names.size() + " Applications in namespace " + NAMESPACE
                + (served != null ? " (repoURL: the repo served here)." : " (as the repo declares them)."));
        return names;
    }

    /**
     * Prints each Application's sync state and health when it changes. Returns whether all became
     * synced and healthy: at once with --exit-when-synced, else when stopped.
     */
    private boolean watch(Applications applications, List<String> names, PrintWriter out, CountDownLatch stopped) throws InterruptedException {
        Map<String, String> shown = new LinkedHashMap<>();
        long deadline = System.nanoTime() + GoDuration.parse(timeout).toNanos();
        long started = System.nanoTime();
        boolean announced = false;
        int width = names.stream().mapToInt(String::length).max().orElse(4);
        while (stopped.getCount() > 0) {
            Map<String, JsonNode> byName = new LinkedHashMap<>();
            try {
                applications.list(NAMESPACE).forEach(a -> byName.put(a.path("metadata").path("name").asText(), a.path("status")));
            } catch (RuntimeException e) {
                // The cluster did not answer this time: try again at the next tick.
            }
            int ready = 0;
            for (String name : names) {
                JsonNode status = byName.getOrDefault(name, com.fasterxml.jackson.databind.node.MissingNode.getInstance());
                String sync = status.path("sync").path("status").asText("Unknown");
                String health = status.path("health").path("status").asText("Unknown");
                String revision = status.path("sync").path("revision").asText("");
                String line = String.format("  %-" + width + "s  %-10s %-12s %s", name, sync, health,
                        revision.length() >= 7 ? revision.substring(0, 7) : revision);
                String condition = status.path("conditions").path(0).path("message").asText("");
                if (!line.equals(shown.get(name))) {
                    out.println(line + (condition.isEmpty() ? "" : "  " + condition));
                    shown.put(name, line);
                }
                if (sync.equals("Synced") && health.equals("Healthy")) {
                    ready++;
                }
            }
            out.flush();
            if (ready == names.size() && !announced) {
                out.println("All " + names.size() + " Applications are synced and healthy ("
                        + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s). Try: mooring app list, "
                        + "mooring app get " + names.getFirst() + ", or edit the repo and run 'mooring up' again.");
                out.flush();
                announced = true;
                if (exitWhenSynced) {
                    return true;
                }
            }
            if (exitWhenSynced && System.nanoTime() > deadline) {
                return false;
            }
            stopped.await(1, java.util.concurrent.TimeUnit.SECONDS);
        }
        return announced;
    }

    /** The sandbox of the state directory, started in the background when none runs there. */
    private static SandboxProcess.Running sandbox(SandboxDirectory directory, PrintWriter out) {
        if (SandboxProcess.find(directory) instanceof SandboxProcess.Running running) {
            out.println("Using the sandbox that runs in " + directory.path() + ":");
            SandboxInfo.print(out, running.record());
            return running;
        }
        out.println("Starting the sandbox in the background (in " + directory.path() + ")...");
        out.flush();
        SandboxProcess.Running started = SandboxProcess.startDetached(directory, 0, SANDBOX_NODES);
        SandboxInfo.print(out, started.record());
        return started;
    }

    /** The launcher says where the checkout is; without it, the current directory. */
    private static Path defaultRepo() {
        String home = System.getProperty("mooring.home");
        return home == null ? Path.of("examples", "platform") : Path.of(home, "examples", "platform");
    }
}
