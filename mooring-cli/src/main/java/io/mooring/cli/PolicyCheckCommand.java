package io.mooring.cli;

import io.mooring.policy.PolicyLoader;
import io.mooring.policy.PolicySet;
import io.mooring.policy.check.CheckReport;
import io.mooring.policy.check.PolicyCheck;
import io.mooring.render.RenderRequest;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code mooring policy check --policies DIR PATH...}: the CI door. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Render each PATH (plain YAML, Kustomize or Helm, as mooring render does) and check every object against the policies.",
                "Exit code 1 when a rule whose action is Enforce fails (or cannot be evaluated); Audit failures are reported as warnings."})
final class PolicyCheckCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(PolicyCheckCommand.class);

    @Option(names = "--policies", required = true, paramLabel = "DIR", description = "The directory (or file) of Kyverno ClusterPolicy/Policy documents.")
    Path policies;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "What to render and check: directories (or plain YAML files).")
    List<Path> paths = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (the violations and a summary), json (every verdict) or junit (JUnit XML for CI systems). Default: ${DEFAULT-VALUE}.")
    CheckOutput output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PolicySet policySet = PolicyLoader.load(policies);
        List<Manifest> manifests = new ArrayList<>();
        for (Path path : paths) {
            manifests.addAll(Renderers.forPath(path).render(RenderRequest.of(path)));
        }
        long start = System.nanoTime();
        CheckReport report = PolicyCheck.check(policySet, manifests, Instant.now());
        LOG.debug("checked {} objects against {} policies in {} ms", manifests.size(), policySet.policies().size(),
                (System.nanoTime() - start) / 1_000_000);
        PrintWriter out = spec.commandLine().getOut();
        out.print(output.format(report));
        out.flush();
        return report.blocking() > 0 ? ErrorHandler.FAILED : 0;
    }
}
