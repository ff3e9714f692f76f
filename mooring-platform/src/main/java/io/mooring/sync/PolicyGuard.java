package io.mooring.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.config.Application;
import io.mooring.git.Commit;
import io.mooring.policy.Policy;
import io.mooring.policy.check.CheckReport;
import io.mooring.policy.check.PolicyCheck;
import io.mooring.resource.Manifest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The guard step of a sync: the objects it would apply (placed in their namespaces and tracked, as
 * the API server will see them) checked against the application's policies before anything is
 * planned or written. An application whose objects and policies did not change since its last
 * check is not evaluated again: a resync of a thousand unchanged applications costs no evaluation.
 */
final class PolicyGuard {
    /** Applications remembered; one that was deleted is forgotten as others come. */
    private static final int MAX_ENTRIES = 4096;

    private final PolicySources sources;
    private final Map<String, Memo> last = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Memo> eldest) {
            return size() > MAX_ENTRIES;
        }
    });

    private record Memo(List<Policy> policies, List<ObjectNode> desired, PolicyVerdict verdict) {
    }

    PolicyGuard(PolicySources sources) {
        this.sources = sources;
    }

    /**
     * @param manifests the rendered manifests (for file and line in messages)
     * @param desired   the objects to apply, one per manifest, in the same order
     * @return the verdict, or empty when the application names no policies
     * @throws SourceException when the policies cannot be read (reason {@code PolicyError} or {@code GitError})
     */
    Optional<PolicyVerdict> check(Application application, Commit commit, List<Manifest> manifests, List<ObjectNode> desired) {
        String key = application.namespace() + "/" + application.name();
        Optional<PolicySources.Found> found = sources.find(application, commit);
        if (found.isEmpty()) {
            last.remove(key);
            return Optional.empty();
        }
        List<Policy> policies = found.get().policies().policies();
        Memo memo = last.get(key);
        if (memo != null && sameInstances(memo.policies(), policies) && memo.desired().equals(desired)) {
            return Optional.of(memo.verdict());
        }
        List<Manifest> judged = new ArrayList<>(desired.size());
        for (int i = 0; i < desired.size(); i++) {
            Manifest rendered = manifests.get(i);
            judged.add(new Manifest(desired.get(i), rendered.source(), rendered.line(), rendered.text()));
        }
        CheckReport report = PolicyCheck.check(found.get().policies(), judged, Instant.now());
        PolicyVerdict verdict = new PolicyVerdict(found.get().sources(), report);
        last.put(key, new Memo(policies, desired, verdict));
        return Optional.of(verdict);
    }

    /** Policies are kept per commit (and per listing of the cluster): the same instances mean the same policies. */
    private static boolean sameInstances(List<Policy> a, List<Policy> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }
}
