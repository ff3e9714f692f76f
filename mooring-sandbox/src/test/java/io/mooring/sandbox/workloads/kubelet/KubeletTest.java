package io.mooring.sandbox.workloads.kubelet;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.sandbox.SandboxOptions;
import io.mooring.sandbox.workloads.SandboxCluster;
import io.mooring.sandbox.workloads.WorkloadOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The simulated kubelet's knobs through fabric8, in a sandbox whose crashing containers back off for 200ms. */
class KubeletTest {
    private static final String NS = "default";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static SandboxCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void start() {
        cluster = SandboxCluster.start(SandboxOptions.defaults().withWorkloads(WorkloadOptions.defaults()
                .withStartDelay(SandboxCluster.TEST_START_DELAY).withCrashLoopBackoff(Duration.ofMillis(200))));
        client = cluster.client();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static Pod create(String name, String knob, String value) {
        return client.resource(new PodBuilder().withNewMetadata().withName(name).withNamespace(NS).addToAnnotations(knob, value)
                .endMetadata().withNewSpec().addNewContainer().withName("app").withImage("nginx").endContainer().endSpec().build()).create();
    }

    private static ContainerStatus container(String pod) {
        return client.pods().inNamespace(NS).withName(pod).get().getStatus().getContainerStatuses().getFirst();
    }

    @Test
    void crashLoopingContainerRestartsWithGrowingCount() {
        create("crasher", Knobs.CRASH_LOOP, "true");
        await().atMost(WAIT).untilAsserted(() -> {
            ContainerStatus status = container("crasher");
            assertThat(status.getRestartCount()).as("restarts so far").isGreaterThanOrEqualTo(3);
            assertThat(status.getReady()).isFalse();
            assertThat(status.getLastState().getTerminated().getExitCode()).isEqualTo(1);
        });
        await().atMost(WAIT).untilAsserted(() -> assertThat(container("crasher").getState().getWaiting())
                .as("between runs it waits in CrashLoopBackOff").isNotNull()
                .satisfies(waiting -> assertThat(waiting.getReason()).isEqualTo("CrashLoopBackOff")));
        assertThat(client.pods().inNamespace(NS).withName("crasher").get().getStatus().getPhase()).isEqualTo("Running");
    }

    @Test
    void neverReadyContainerRunsUnready() {
        create("sulky", Knobs.NEVER_READY, "true");
        await().atMost(WAIT).untilAsserted(() -> {
            Pod pod = client.pods().inNamespace(NS).withName("sulky").get();
            assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
            assertThat(pod.getStatus().getContainerStatuses().getFirst().getStarted()).isTrue();
        });
        assertThat(container("sulky").getReady()).isFalse();
    }

    @Test
    void startDelayKnobKeepsAPodPendingForItsTime() {
        create("slow", Knobs.START_DELAY, "6s");
        create("quick", Knobs.START_DELAY, "0");
        await().atMost(WAIT).untilAsserted(() -> assertThat(client.pods().inNamespace(NS).withName("quick").get().getStatus().getPhase())
                .isEqualTo("Running"));
        Pod slow = client.pods().inNamespace(NS).withName("slow").get();
        assertThat(slow.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(slow.getStatus().getContainerStatuses().getFirst().getState().getWaiting().getReason()).isEqualTo("ContainerCreating");
        await().atMost(WAIT).untilAsserted(() -> assertThat(client.pods().inNamespace(NS).withName("slow").get().getStatus().getPhase())
                .isEqualTo("Running"));
    }
}
