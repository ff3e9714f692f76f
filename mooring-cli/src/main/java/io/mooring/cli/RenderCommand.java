package io.mooring.cli;

import io.mooring.render.HelmRenderer;
import io.mooring.render.RenderRequest;
import io.mooring.render.Renderer;
import io.mooring.render.Renderers;
import io.mooring.resource.Manifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code mooring render PATH}: what a directory of a platform repo declares, offline. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Render a directory into the Kubernetes objects it declares and print them.",
                "A directory with Chart.yaml is a Helm chart, one with a kustomization is Kustomize, anything else plain YAML."})
final class RenderCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RenderCommand.class);

    @Parameters(paramLabel = "PATH", description = "The directory (or, for plain YAML, the file) to render.")
    Path path;

    @Option(names = "--values", paramLabel = "FILE", description = "Helm values file; repeat it, later files win.")
    List<Path> valuesFiles = new ArrayList<>();

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Helm value (a.b=c, several separated by commas); wins over --values.")
    List<String> setValues = new ArrayList<>();

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Helm's release namespace (default: default).")
    String namespace;

    @Option(names = "--release", paramLabel = "NAME", description = "Helm's release name (default: release-name, as helm template).")
    String releaseName;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "yaml",
            description = "yaml (the documents, comments kept) or json (a v1 List). Default: ${DEFAULT-VALUE}.")
    OutputFormat output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Renderer renderer = Renderers.forPath(path);
        if (!(renderer instanceof HelmRenderer) && (!valuesFiles.isEmpty() || !setValues.isEmpty() || releaseName != null)) {
            spec.commandLine().getErr().println("warning: --values, --set and --release apply to Helm charts only; "
                    + path + " is rendered as " + renderer.name() + " and they are ignored");
        }
        long start = System.nanoTime();
        List<Manifest> manifests = renderer.render(new RenderRequest(path, valuesFiles, setValues, namespace, releaseName));
        LOG.debug("rendered {} objects from {} with {} in {} ms", manifests.size(), path, renderer.name(), (System.nanoTime() - start) / 1_000_000);
        PrintWriter out = spec.commandLine().getOut();
        out.print(output.format(manifests));
        out.flush();
        return 0;
    }
}
