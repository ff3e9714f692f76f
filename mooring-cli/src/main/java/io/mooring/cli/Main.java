package io.mooring.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mooring} command. */
@Command(name = "mooring", mixinStandardHelpOptions = true, version = "mooring 0.1.0",
        description = "GitOps for Kubernetes: render, guard, plan, apply and observe what Git says.")
public final class Main {
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
