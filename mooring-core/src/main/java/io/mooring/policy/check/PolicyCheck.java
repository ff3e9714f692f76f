package io.mooring.policy.check;

import io.mooring.policy.AdmissionRequest;
import io.mooring.policy.PolicySet;
import io.mooring.policy.RuleResult;
import io.mooring.resource.Manifest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The CI door: every rendered object checked as a CREATE by nobody in particular, as it would be
 * admitted. Pure: the manifests are already rendered.
 */
public final class PolicyCheck {
    private PolicyCheck() {
    }

    public static CheckReport check(PolicySet policies, List<Manifest> manifests, Instant now) {
        List<CheckReport.Checked> checked = new ArrayList<>();
        for (Manifest manifest : manifests) {
            List<RuleResult> results = policies.evaluate(AdmissionRequest.create(manifest.object(), now));
            checked.add(new CheckReport.Checked(manifest, results));
        }
        return new CheckReport(policies.policies().size(), checked);
    }
}
