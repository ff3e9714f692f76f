package io.mooring.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.cli.sandbox.SandboxDirectory;
import io.mooring.cli.sandbox.SandboxInfo;
import io.mooring.cli.sandbox.SandboxProcess;
import io.mooring.cluster.ClusterClient;
import io.mooring.cluster.Kube;
import io.mooring.cluster.ResourceTypes;
import io.mooring.cluster.Retrying;
import io.mooring.plan.Tracking;
import io.mooring.render.Renderer;
import io.mooring.render.Renderers;
import io.mooring.resource.Manifest;
import io.mooring.resource.ManifestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code mooring up}: Mooring on this machine. Renders every app of a platform repo, starts the
 * sandbox in the background (or uses the one that runs) and applies the apps into it, once: it
 * does not start the control plane that keeps them in sync ({@code mooring controller}) yet.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Run Mooring on this machine with a sample platform repo.",
                "Renders every app of the repo, starts the sandbox cluster in the background (or uses the one that runs) "
                        + "and applies the apps into it with server-side apply, once. It does not start the control plane "
                        + "(mooring controller) yet."})
final class UpCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(UpCommand.class);
    private static final int SANDBOX_NODES = 3;

    @Option(names = "--repo", paramLabel = "PATH",
            description = "The platform repo (default: examples/platform of this checkout).")
    Path repo;

    @Option(names = "--state", paramLabel = "DIR",
            description = {"Where the sandbox keeps its objects across runs (default: .mooring/sandbox of the Git checkout "
                    + "around the current directory, or ~/.mooring/sandbox)."})
    Path state;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Apply into the cluster of this kubeconfig instead of the sandbox.")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME",
            description = "With --kubeconfig: the context to use (default: its current context).")
    String context;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path root = repo != null ? repo : defaultRepo();
        PrintWriter out = spec.commandLine().getOut();
        List<PlatformApps.Target> targets = PlatformApps.of(root);
        out.println("Rendering the apps of " + root + ":");
        List<Rendered> rendered = render(targets, out);
        int renderFailures = (int) rendered.stream().filter(r -> r.manifests() == null).count();
        out.println();
        out.println((targets.size() - renderFailures) + " of " + targets.size() + " app environments render.");
        out.println();
        out.flush();

        SandboxProcess.Running sandbox = kubeconfig == null ? sandbox(out) : null;
        Path config = sandbox == null ? kubeconfig : Path.of(sandbox.record().kubeconfig());
        int applyFailures;
        try (KubernetesClient client = Kube.connect(config, sandbox == null ? context : null, null)) {
            ClusterClient cluster = new ClusterClient(client, new ResourceTypes(client), Retrying.DEFAULT);
            out.println("Applying them to " + client.getMasterUrl().toString().replaceAll("/$", "")
                    + " (server-side apply, field manager " + Tracking.FIELD_MANAGER + "):");
            applyFailures = apply(cluster, rendered, out);
        }
        out.println();
        if (sandbox != null) {
            out.println("The sandbox keeps running in the background:");
            SandboxInfo.print(out, sandbox.record());
            SandboxInfo.printUsage(out, sandbox.record(), state == null ? "" : " --state " + state, "kubectl get pods -A");
        } else {
            out.println("See them with:");
            out.println("  export KUBECONFIG=" + kubeconfig);
            out.println("  kubectl get pods -A");
        }
        out.println("'mooring up' applies once and does not start the control plane yet: run it again to apply changes.");
        out.flush();
        return renderFailures == 0 && applyFailures == 0 ? 0 : ErrorHandler.FAILED;
    }

    /** One target as rendered; {@code manifests} is null when the render failed. */
    private record Rendered(PlatformApps.Target target, List<Manifest> manifests) {
    }

    private List<Rendered> render(List<PlatformApps.Target> targets, PrintWriter out) {
        PrintWriter err = spec.commandLine().getErr();
        List<Rendered> rendered = new ArrayList<>();
        for (PlatformApps.Target target : targets) {
            Renderer renderer = Renderers.forPath(target.path());
            String label = String.format("  %-" + width(targets) + "s  %-9s  ", target.label(), renderer.name());
            try {
                long start = System.nanoTime();
                List<Manifest> manifests = renderer.render(target.request());
                LOG.debug("rendered {} with {} in {} ms", target.label(), renderer.name(), (System.nanoTime() - start) / 1_000_000);
                out.println(label + summary(manifests));
                rendered.add(new Rendered(target, manifests));
            } catch (ManifestException e) {
                out.println(label + "FAILED");
                err.println("error: " + target.label() + ": " + e.getMessage());
                rendered.add(new Rendered(target, null));
            }
            out.flush();
        }
        return rendered;
    }

    /** The sandbox of the state directory, started in the background when none runs there. */
    private SandboxProcess.Running sandbox(PrintWriter out) {
        SandboxDirectory directory = SandboxDirectory.of(state).kept();
        if (SandboxProcess.find(directory) instanceof SandboxProcess.Running running) {
            out.println("Using the sandbox that runs in " + directory.path() + ".");
            return running;
        }
        out.println("Starting the sandbox in the background (in " + directory.path() + ")...");
        out.flush();
        return SandboxProcess.startDetached(directory, 0, SANDBOX_NODES);
    }

    /** Applies what rendered, namespaces first; returns how many app environments had failures. */
    private int apply(ClusterClient cluster, List<Rendered> rendered, PrintWriter out) {
        List<Manifest> everything = rendered.stream().filter(r -> r.manifests() != null).flatMap(r -> r.manifests().stream()).toList();
        List<RenderedApp> apps = rendered.stream().filter(r -> r.manifests() != null)
                .map(r -> new RenderedApp(r.target(), r.manifests(), RenderedApp.namespaceOf(r.target(), everything)))
                .toList();
        PrintWriter err = spec.commandLine().getErr();
        int failed = 0;
        int width = width(apps.stream().map(RenderedApp::target).toList());
        for (AppApply.Outcome outcome : AppApply.apply(cluster, apps)) {
            RenderedApp app = outcome.app();
            String into = app.namespace() == null ? "" : " (into " + app.namespace() + ")";
            out.println(String.format("  %-" + width + "s  %d of %d applied%s", app.target().label(), outcome.applied(),
                    app.manifests().size(), into));
            for (String error : outcome.errors()) {
                err.println("error: " + app.target().label() + ": " + error);
            }
            failed += outcome.errors().isEmpty() ? 0 : 1;
        }
        out.flush();
        err.flush();
        return failed;
    }

    private static int width(List<PlatformApps.Target> targets) {
        return Math.max(1, targets.stream().mapToInt(t -> t.label().length()).max().orElse(0));
    }

    /** {@code 6 objects: 3 Deployment, 3 Service} */
    static String summary(List<Manifest> manifests) {
        Map<String, Long> byKind = manifests.stream()
                .collect(Collectors.groupingBy(m -> m.object().path("kind").asText(), TreeMap::new, Collectors.counting()));
        String kinds = byKind.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
        return manifests.size() + (manifests.size() == 1 ? " object" : " objects") + (kinds.isEmpty() ? "" : ": " + kinds);
    }

    /** The launcher says where the checkout is; without it, the current directory. */
    private static Path defaultRepo() {
        String home = System.getProperty("mooring.home");
        return home == null ? Path.of("examples", "platform") : Path.of(home, "examples", "platform");
    }
}
