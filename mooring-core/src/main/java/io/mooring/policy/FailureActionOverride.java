package io.mooring.policy;

import io.mooring.policy.match.Selector;

import java.util.List;

/** A failure action for resources in some namespaces ({@code validationFailureActionOverrides}). */
public record FailureActionOverride(FailureAction action, List<String> namespaces, Selector namespaceSelector) {
    public FailureActionOverride {
        namespaces = List.copyOf(namespaces);
    }
}
