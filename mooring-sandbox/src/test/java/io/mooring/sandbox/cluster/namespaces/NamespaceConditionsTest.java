package io.mooring.sandbox.cluster.namespaces;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.mooring.sandbox.cluster.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class NamespaceConditionsTest {
    @Test
    void remainingContentAndFinalizersAreReportedAsTheNamespaceControllerWordsThem() {
        ObjectNode status = yaml("phase: Terminating");
        boolean changed = NamespaceConditions.apply(status, Map.of("pods.", 2, "widgets.example.com", 1), Map.of("example.com/hold", 1), "T1");
        assertThat(changed).isTrue();
        assertThat(status.at("/conditions/3/message").asText())
                .isEqualTo("Some resources are remaining: pods. has 2 resource instances, widgets.example.com has 1 resource instances");
        assertThat(status.at("/conditions/4/message").asText())
                .isEqualTo("Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances");
        assertThat(status.at("/conditions/0")).isEqualTo(yaml("""
                {message: All resources successfully discovered, reason: ResourcesDiscovered, status: "False",
                 type: NamespaceDeletionDiscoveryFailure, lastTransitionTime: T1}
                """));
    }

    @Test
    void unchangedConditionsKeepTheirTransitionTimes() {
        ObjectNode status = yaml("phase: Terminating");
        NamespaceConditions.apply(status, Map.of("pods.", 1), Map.of(), "T1");
        assertThat(NamespaceConditions.apply(status, Map.of("pods.", 1), Map.of(), "T2")).as("nothing to write").isFalse();
        NamespaceConditions.apply(status, Map.of(), Map.of(), "T3");
        assertThat(status.at("/conditions/0/lastTransitionTime").asText()).isEqualTo("T1");
        assertThat(status.at("/conditions/3/lastTransitionTime").asText()).isEqualTo("T3");
        assertThat(status.at("/conditions/3/reason").asText()).isEqualTo("ContentRemoved");
    }
}
