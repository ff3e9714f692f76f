package io.mooring.cli.sandbox;

import java.io.PrintWriter;

/** How to reach a running sandbox, printed by start, status and up. */
public final class SandboxInfo {
    private SandboxInfo() {
    }

    public static void print(PrintWriter out, SandboxRecord record) {
        out.println("  API:        " + record.url() + " (pid " + record.pid() + ")");
        out.println("  kubeconfig: " + record.kubeconfig());
        out.println("  objects:    " + (record.stateFile() == null
                ? "in memory only (start it with --state DIR to keep them across restarts)"
                : "kept in " + record.stateFile() + " (saved every " + record.saveEverySeconds() + "s and when it stops)"));
    }

    /** The lines to paste into a shell. */
    public static void printUsage(PrintWriter out, SandboxRecord record, String stateArgument, String kubectlExample) {
        out.println("Use it with kubectl:");
        out.println("  export KUBECONFIG=" + record.kubeconfig());
        out.println("  " + kubectlExample);
        out.println("Stop it with: mooring sandbox stop" + stateArgument);
    }
}
