package io.mooring.policy.kyvernotest;

import java.nio.file.Path;
import java.util.List;

/**
 * A Kyverno CLI test file ({@code cli.kyverno.io/v1alpha1 Test}, usually {@code kyverno-test.yaml}):
 * the policies and resources to load, optional values, and the expected results.
 *
 * @param variables the values file, or null
 */
public record KyvernoTest(Path file, String name, List<Path> policies, List<Path> resources, Path variables,
                          List<ExpectedResult> results) {
    public KyvernoTest {
        policies = List.copyOf(policies);
        resources = List.copyOf(resources);
        results = List.copyOf(results);
    }

    /**
     * One entry of {@code results}: a policy's rule on some resources of a kind should give a result.
     *
     * @param resources resource names, {@code name} or {@code namespace/name}
     * @param result    pass, fail, skip, error or warn
     */
    public record ExpectedResult(String policy, String rule, String kind, List<String> resources, String result) {
        public ExpectedResult {
            resources = List.copyOf(resources);
        }
    }
}
