package io.mooring.bench;

/**
 * What the Kustomize benchmark learned about one case.
 *
 * @param verdict     how Mooring's output compares with kubectl's
 * @param detail      the first differing line, or the failure's message; empty when the outputs are equal
 * @param outputBytes the length of kubectl's output (0 when it failed)
 * @param kubectl     {@code kubectl kustomize} as one process per run (empty when kubectl failed)
 * @param mooring     {@code Kustomize.build} plus printing in the warm JVM, CPU time the JVM's (empty when either tool failed)
 */
record CaseResult(KustomizeCase kase, Verdict verdict, String detail, int outputBytes, Timings kubectl, Timings mooring) {
    enum Verdict {
        SAME("same"),
        DIFFERENT("differs"),
        MOORING_FAILED("Mooring failed"),
        KUBECTL_FAILED("kubectl failed");

        final String text;

        Verdict(String text) {
            this.text = text;
        }
    }

    boolean kubectlBuilt() {
        return verdict != Verdict.KUBECTL_FAILED;
    }

    /** Both tools printed something, so their times compare. */
    boolean bothBuilt() {
        return verdict == Verdict.SAME || verdict == Verdict.DIFFERENT;
    }
}
