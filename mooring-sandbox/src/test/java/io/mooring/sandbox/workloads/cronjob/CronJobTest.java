package io.mooring.sandbox.workloads.cronjob;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.sandbox.SandboxOptions;
import io.mooring.sandbox.workloads.SandboxCluster;
import io.mooring.sandbox.workloads.TestClock;
import io.mooring.sandbox.workloads.WorkloadOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** CronJobs through fabric8 against a started sandbox whose clock the test moves forward. */
class CronJobTest {
    private static final String NS = "default";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final TestClock CLOCK = new TestClock();
    private static SandboxCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void start() {
        cluster = SandboxCluster.start(SandboxOptions.defaults().withClock(CLOCK)
                .withWorkloads(WorkloadOptions.defaults().withStartDelay(SandboxCluster.TEST_START_DELAY)));
        client = cluster.client();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static CronJobBuilder cronJob(String name, String schedule, String exitAfter) {
        return new CronJobBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata().withNewSpec()
                .withSchedule(schedule).withNewJobTemplate().withNewMetadata().addToLabels("cron", name).endMetadata().withNewSpec()
                .withNewTemplate().withNewMetadata().addToAnnotations("sandbox.mooring.io/exit-after", exitAfter).endMetadata()
                .withNewSpec().withRestartPolicy("OnFailure").addNewContainer().withName("tick").withImage("busybox").endContainer()
                .endSpec().endTemplate().endSpec().endJobTemplate().endSpec();
    }

    private static List<Job> jobs(String cron) {
        return client.batch().v1().jobs().inNamespace(NS).withLabel("cron", cron).list().getItems();
    }

    private static CronJob get(String name) {
        return client.batch().v1().cronjobs().inNamespace(NS).withName(name).get();
    }

    /** Moves the clock to just past the next time a minute divisible by {@code every} begins. */
    private static Instant advancePastNext(int everyMinutes) {
        Instant now = CLOCK.instant();
        long minute = now.getEpochSecond() / 60;
        long next = (minute / everyMinutes + 1) * everyMinutes;
        Instant at = Instant.ofEpochSecond(next * 60);
        CLOCK.advance(Duration.between(now, at).plusSeconds(1));
        return at;
    }

    @Test
    void scheduleCreatesTheJobOfEachTimeNamedAfterIt() {
        client.resource(cronJob("report", "*/5 * * * *", "0").build()).create();
        Instant first = advancePastNext(5);
        await().atMost(WAIT).untilAsserted(() -> assertThat(jobs("report")).extracting(j -> j.getMetadata().getName())
                .containsExactly("report-" + first.getEpochSecond() / 60));
        Job job = jobs("report").getFirst();
        assertThat(job.getMetadata().getAnnotations()).containsEntry("batch.kubernetes.io/cronjob-scheduled-timestamp", first.toString());
        assertThat(job.getMetadata().getOwnerReferences().getFirst().getKind()).isEqualTo("CronJob");
        await().atMost(WAIT).untilAsserted(() -> {
            CronJob cron = get("report");
            assertThat(cron.getStatus().getLastScheduleTime()).isEqualTo(first.toString());
            assertThat(cron.getStatus().getLastSuccessfulTime()).as("the job completed").isNotNull();
            assertThat(cron.getStatus().getActive()).isEmpty();
        });
    }

    @Test
    void forbidSkipsARunWhileTheLastOneIsActive() {
        client.resource(cronJob("exclusive", "* * * * *", "1h").editSpec().withConcurrencyPolicy("Forbid").endSpec().build()).create();
        advancePastNext(1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(get("exclusive").getStatus().getActive()).hasSize(1));
        advancePastNext(1);
        await().pollDelay(Duration.ofSeconds(1)).atMost(WAIT).untilAsserted(() -> assertThat(jobs("exclusive"))
                .as("the second minute finds the first job running").hasSize(1));
    }

    @Test
    void finishedJobsBeyondTheHistoryLimitAreDeleted() {
        client.resource(cronJob("history", "* * * * *", "0").editSpec().withSuccessfulJobsHistoryLimit(2).endSpec().build()).create();
        for (int i = 0; i < 4; i++) {
            Instant at = advancePastNext(1);
            await().atMost(WAIT).untilAsserted(() -> assertThat(jobs("history")).extracting(j -> j.getMetadata().getName())
                    .contains("history-" + at.getEpochSecond() / 60));
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(jobs("history")).as("two successful jobs kept").hasSize(2));
    }
}
