package io.mooring.cli.app;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options every command on one Application takes: its name, its namespace, the cluster. */
final class AppTarget {
    @Parameters(index = "0", paramLabel = "NAME", description = "The Application.")
    String name;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", defaultValue = "mooring",
            description = "The namespace of the Application (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Mixin
    KubeOptions kube;
}
