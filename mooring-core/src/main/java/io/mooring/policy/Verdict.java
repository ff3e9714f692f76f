package io.mooring.policy;

/** A rule's (or one foreach element's) status and Kyverno's message for it. */
record Verdict(RuleStatus status, String message) {
    static Verdict pass(String message) {
        return new Verdict(RuleStatus.PASS, message);
    }

    static Verdict fail(String message) {
        return new Verdict(RuleStatus.FAIL, message);
    }

    static Verdict skip(String message) {
        return new Verdict(RuleStatus.SKIP, message);
    }

    /** Kyverno's RuleError: the context, then the cause. */
    static Verdict error(String context, String cause) {
        return new Verdict(RuleStatus.ERROR, cause == null ? context : context + ": " + cause);
    }
}
