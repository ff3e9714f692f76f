package io.mooring.sandbox.workloads.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.sandbox.SandboxOptions;
import io.mooring.sandbox.store.WatchEvent;
import io.mooring.sandbox.workloads.SandboxCluster;
import io.mooring.sandbox.workloads.WorkloadOptions;
import io.mooring.sandbox.workloads.objects.Json;
import io.mooring.sandbox.workloads.objects.Pods;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Jobs through fabric8 against a started sandbox whose failed pods are replaced after a short back-off. */
class JobTest {
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

    private static JobBuilder job(String name, String annotation, String value) {
        return new JobBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata().withNewSpec()
                .withNewTemplate().withNewMetadata().addToAnnotations(annotation, value).addToLabels("app", name).endMetadata()
                .withNewSpec().withRestartPolicy("Never").addNewContainer().withName("work").withImage("busybox").endContainer()
                .endSpec().endTemplate().endSpec();
    }

    private static Job get(String name) {
        return client.batch().v1().jobs().inNamespace(NS).withName(name).get();
    }

    private static JobCondition condition(Job job, String type) {
        return job.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElse(null);
    }

    @Test
    void jobRunsItsCompletionsNoMoreThanParallelismAtATime() {
        List<WatchEvent> events = cluster.record("/pods", "app", "batch", () -> {
            client.resource(job("batch", "sandbox.mooring.io/exit-after", "500ms").editSpec().withCompletions(4).withParallelism(2)
                    .endSpec().build()).create();
            await().atMost(WAIT).untilAsserted(() -> assertThat(condition(get("batch"), "Complete")).isNotNull());
        });
        Set<String> running = new HashSet<>();
        int most = 0;
        for (WatchEvent event : events) {
            if (event.type() == WatchEvent.Type.DELETED || Pods.terminal(event.object())) {
                running.remove(Json.name(event.object()));
            } else {
                running.add(Json.name(event.object()));
            }
            most = Math.max(most, running.size());
        }
        assertThat(most).as("at most parallelism pods at once").isEqualTo(2);
        Job job = get("batch");
        assertThat(job.getStatus().getSucceeded()).isEqualTo(4);
        assertThat(job.getStatus().getActive()).isNull();
        assertThat(job.getStatus().getCompletionTime()).isNotNull();
        assertThat(job.getStatus().getConditions()).extracting(JobCondition::getType).containsExactly("SuccessCriteriaMet", "Complete");
        assertThat(condition(job, "Complete").getReason()).isEqualTo("CompletionsReached");
        List<Pod> pods = client.pods().inNamespace(NS).withLabel("app", "batch").list().getItems();
        assertThat(pods).hasSize(4).allSatisfy(p -> {
            assertThat(p.getStatus().getPhase()).isEqualTo("Succeeded");
            assertThat(p.getMetadata().getLabels()).containsEntry("batch.kubernetes.io/job-name", "batch")
                    .containsEntry("job-name", "batch");
            assertThat(p.getMetadata().getFinalizers()).as("counted pods are let go").isEmpty();
        });
    }

    @Test
    void failingPodsAreReplacedUntilTheBackoffLimit() {
        client.resource(job("doomed", "sandbox.mooring.io/fail", "true").editSpec().withBackoffLimit(2).endSpec().build()).create();
        await().atMost(WAIT).untilAsserted(() -> {
            Job job = get("doomed");
            assertThat(condition(job, "Failed")).as("status %s", job.getStatus()).isNotNull();
            assertThat(condition(job, "Failed").getReason()).isEqualTo("BackoffLimitExceeded");
            assertThat(condition(job, "FailureTarget")).isNotNull();
            assertThat(job.getStatus().getFailed()).as("backoffLimit 2: the third failure ends it").isEqualTo(3);
        });
        assertThat(client.pods().inNamespace(NS).withLabel("app", "doomed").list().getItems()).hasSize(3)
                .allSatisfy(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Failed"));
    }

    @Test
    void indexedJobRunsEachIndexOnce() {
        client.resource(job("indexed", "sandbox.mooring.io/exit-after", "0").editSpec().withCompletions(3).withParallelism(3)
                .withCompletionMode("Indexed").endSpec().build()).create();
        await().atMost(WAIT).untilAsserted(() -> assertThat(get("indexed").getStatus().getCompletedIndexes()).isEqualTo("0-2"));
        assertThat(client.pods().inNamespace(NS).withLabel("app", "indexed").list().getItems())
                .extracting(p -> p.getMetadata().getAnnotations().get("batch.kubernetes.io/job-completion-index"))
                .containsExactlyInAnyOrder("0", "1", "2");
    }

    @Test
    void activeDeadlineFailsALongJob() {
        client.resource(job("slow", "sandbox.mooring.io/exit-after", "1h").editSpec().withActiveDeadlineSeconds(1L).endSpec().build())
                .create();
        await().atMost(WAIT).untilAsserted(() -> assertThat(condition(get("slow"), "Failed")).isNotNull()
                .extracting(JobCondition::getReason).isEqualTo("DeadlineExceeded"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(client.pods().inNamespace(NS).withLabel("app", "slow").list().getItems())
                .as("its running pod is stopped").isEmpty());
    }

    @Test
    void finishedJobIsDeletedAfterItsTtl() {
        client.resource(job("brief", "sandbox.mooring.io/exit-after", "0").editSpec().withTtlSecondsAfterFinished(1).endSpec().build())
                .create();
        await().atMost(WAIT).untilAsserted(() -> assertThat(get("brief")).isNull());
    }
}
