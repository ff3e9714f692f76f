package io.mooring.policy.kyvernotest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.policy.Policy;

import java.util.List;

/** A test file with what it names read: its policies, its resources and its values. */
public record LoadedTest(KyvernoTest test, List<Policy> policies, List<ObjectNode> resources, TestValues values) {
    public LoadedTest {
        policies = List.copyOf(policies);
        resources = List.copyOf(resources);
    }
}
