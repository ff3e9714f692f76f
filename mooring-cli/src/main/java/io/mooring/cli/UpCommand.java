package io.mooring.cli;

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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code mooring up}: Mooring on this machine. The sandbox cluster and the control plane do not
 * exist yet, so for now it runs the render step of every app and says so.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Run Mooring on this machine with a sample platform repo.",
                "Today: renders every app of the repo and prints a summary. The sandbox cluster and the "
                        + "control plane that will sync the apps into it come later; nothing is started."})
final class UpCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(UpCommand.class);

    @Option(names = "--repo", paramLabel = "PATH",
            description = "The platform repo (default: examples/platform of this checkout).")
    Path repo;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path root = repo != null ? repo : defaultRepo();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<PlatformApps.Target> targets = PlatformApps.of(root);
        int width = targets.stream().mapToInt(t -> t.label().length()).max().orElse(0);
        out.println("Rendering the apps of " + root + ":");
        int failed = 0;
        for (PlatformApps.Target target : targets) {
            Renderer renderer = Renderers.forPath(target.path());
            String label = String.format("  %-" + width + "s  %-9s  ", target.label(), renderer.name());
            try {
                long start = System.nanoTime();
                List<Manifest> manifests = renderer.render(target.request());
                LOG.debug("rendered {} with {} in {} ms", target.label(), renderer.name(), (System.nanoTime() - start) / 1_000_000);
                out.println(label + summary(manifests));
            } catch (ManifestException e) {
                failed++;
                out.println(label + "FAILED");
                err.println("error: " + target.label() + ": " + e.getMessage());
            }
            out.flush();
        }
        out.println();
        out.println((targets.size() - failed) + " of " + targets.size() + " app environments render.");
        out.println("Nothing was started: the sandbox cluster and the Mooring control plane do not exist yet.");
        out.println("Once they land, 'mooring up' will start the sandbox, install the control plane and sync these apps into it.");
        out.flush();
        return failed == 0 ? 0 : ErrorHandler.FAILED;
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
