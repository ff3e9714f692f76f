package io.mooring.policy;

import java.util.List;

/** Kyverno's messages for validate results, word for word, so that users see what they see from Kyverno. */
final class Messages {
    private Messages() {
    }

    static String passed(String rule) {
        return "validation rule '" + rule + "' passed.";
    }

    /** A pattern failure: at a path, or with the error that stopped it ({@code path} empty). */
    static String patternFailure(Rule rule, Scope scope, String error, String path) {
        String message = rule.validation().message();
        if (message.isEmpty()) {
            return path.isEmpty()
                    ? "validation error: rule " + rule.name() + " execution error: " + error
                    : "validation error: rule " + rule.name() + " failed at path " + path;
        }
        String resolved;
        try {
            resolved = scope.substituteText(message);
        } catch (RuntimeException e) {
            return "validation error: variables substitution error in rule " + rule.name() + " execution error: " + error;
        }
        if (!resolved.endsWith(".")) {
            resolved = resolved + ".";
        }
        return path.isEmpty()
                ? "validation error: " + resolved + " rule " + rule.name() + " execution error: " + error
                : "validation error: " + resolved + " rule " + rule.name() + " failed at path " + path;
    }

    /** A failed anyPattern: every alternative's failure, after the rule's message as written. */
    static String anyPatternFailure(Rule rule, List<String> failures) {
        String errors = String.join(" ", failures);
        String message = rule.validation().message();
        if (message.isEmpty()) {
            return "validation error: " + errors;
        }
        return "validation error: " + message + (message.endsWith(".") ? " " : ". ") + errors;
    }

    /** A deny that holds: the rule's message and the conditions' messages, variables resolved. */
    static String denied(Rule rule, Scope scope, String conditionsMessage) {
        String message = rule.validation().message();
        if (message.isEmpty() && conditionsMessage.isEmpty()) {
            return "validation error: rule " + rule.name() + " failed";
        }
        String joined = message.isEmpty() ? conditionsMessage : conditionsMessage.isEmpty() ? message : message + "; " + conditionsMessage;
        try {
            return scope.substituteText(joined);
        } catch (Templates.SubstitutionException e) {
            return e.getMessage().contains("did not resolve to a string")
                    ? "the produced message didn't resolve to a string, check your policy definition."
                    : conditionsMessage;
        } catch (RuntimeException e) {
            return conditionsMessage;
        }
    }
}
