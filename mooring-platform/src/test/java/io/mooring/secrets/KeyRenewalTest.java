package io.mooring.secrets;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.cluster.ClusterClient;
import io.mooring.cluster.Kube;
import io.mooring.cluster.ResourceTypes;
import io.mooring.cluster.Retrying;
import io.mooring.sandbox.Sandbox;
import io.mooring.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The controller's key renewal against the sandbox: a first key, nothing while it is fresh, a new one after the period. */
class KeyRenewalTest {
    private final Sandbox sandbox = Sandbox.start(SandboxOptions.defaults());
    private final KubernetesClient client = Kube.connect(sandbox.kubeconfig(), null, null);

    @AfterEach
    void tearDown() {
        client.close();
        sandbox.close();
    }

    @Test
    void theFirstKeyIsMadeAtOnceAndANewOneAfterEachRenewalPeriodWhileOldKeysStay() {
        Instant start = Instant.now();
        SecretsSettings settings = new SecretsSettings("sealing", Duration.ofDays(30), 2048, Duration.ofMinutes(1), null);
        ClusterClient cluster = new ClusterClient(client, new ResourceTypes(client), Retrying.DEFAULT);
        KeyRingStore store = new KeyRingStore(client, "sealing", Retrying.DEFAULT);

        new KeyRenewal(cluster, settings, Clock.fixed(start, ZoneOffset.UTC)).run();
        KeyRing first = store.load();
        new KeyRenewal(cluster, settings, Clock.fixed(start.plus(Duration.ofDays(29)), ZoneOffset.UTC)).run();
        KeyRing unchanged = store.load();
        new KeyRenewal(cluster, settings, Clock.fixed(start.plus(Duration.ofDays(30)), ZoneOffset.UTC)).run();
        KeyRing renewed = store.load();

        assertThat(first.keys()).as("an empty ring gets a key at once").hasSize(1);
        assertThat(unchanged.identity()).as("a fresh key is kept").isEqualTo(first.identity());
        assertThat(renewed.keys()).as("after 30 days a new key, the old one kept for unsealing").hasSize(2);
        assertThat(renewed.current().orElseThrow().created()).isAfter(first.current().orElseThrow().created());
        assertThat(store.certificate().orElseThrow()).as("the newest key's certificate is published")
                .isEqualTo(renewed.current().orElseThrow().certificate());
        var labels = client.secrets().inNamespace("sealing").withName(renewed.current().orElseThrow().name()).get().getMetadata().getLabels();
        assertThat(labels).containsEntry(SealingKeys.KEY_LABEL, SealingKeys.ACTIVE);
    }
}
