package io.mooring.sandbox.workloads.kubelet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.YamlReader;
import io.mooring.sandbox.workloads.objects.Conditions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PodStatusesTest {
    private static final Instant STARTED = Instant.parse("2025-06-01T12:00:00Z");
    private static final PodStatuses.Settings SETTINGS = new PodStatuses.Settings(Duration.ofSeconds(2), Duration.ofSeconds(10));

    private static JsonNode pod(String annotations, String spec) {
        return new YamlReader().readOne("pod", """
                metadata: {name: web-1, namespace: default, uid: u-1, generation: 1, annotations: {%s}}
                spec:
                %s
                """.formatted(annotations, spec.indent(2)));
    }

    private static ObjectNode at(JsonNode pod, long seconds) {
        return PodStatuses.at(pod, STARTED, "10.0.0.10", "10.244.0.2", SETTINGS, STARTED.plusSeconds(seconds)).status();
    }

    private static final String WEB = "containers: [{name: app, image: nginx:1.27, resources: {requests: {cpu: 100m}}}]";

    @Test
    void podIsPendingWhileContainersAreCreated() {
        PodStatuses.Result result = PodStatuses.at(pod("", WEB), STARTED, "10.0.0.10", "10.244.0.2", SETTINGS, STARTED.plusSeconds(1));
        ObjectNode status = result.status();
        assertThat(status.path("phase").asText()).isEqualTo("Pending");
        assertThat(status.at("/containerStatuses/0/state/waiting/reason").asText()).isEqualTo("ContainerCreating");
        assertThat(status.has("podIP")).as("no address before the pod sandbox runs").isFalse();
        assertThat(status.path("hostIP").asText()).isEqualTo("10.0.0.10");
        assertThat(result.next()).as("the kubelet looks again when the containers start").isEqualTo(STARTED.plusSeconds(2));
    }

    @Test
    void podRunsReadyAfterTheStartDelayWithTheKubeletsFields() {
        ObjectNode status = at(pod("", WEB), 3);
        assertThat(status.path("phase").asText()).isEqualTo("Running");
        assertThat(status.path("conditions")).extracting(c -> c.path("type").asText())
                .containsExactly("PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled");
        assertThat(Conditions.isTrue(status, "Ready")).isTrue();
        assertThat(Conditions.get(status, "Ready").path("lastTransitionTime").asText()).isEqualTo("2025-06-01T12:00:02Z");
        JsonNode container = status.at("/containerStatuses/0");
        assertThat(container.path("ready").asBoolean()).isTrue();
        assertThat(container.path("started").asBoolean()).isTrue();
        assertThat(container.path("restartCount").asInt()).isZero();
        assertThat(container.path("image").asText()).isEqualTo("docker.io/library/nginx:1.27");
        assertThat(container.path("imageID").asText()).startsWith("docker.io/library/nginx@sha256:");
        assertThat(container.path("containerID").asText()).startsWith("containerd://");
        assertThat(status.path("podIP").asText()).isEqualTo("10.244.0.2");
        assertThat(status.path("startTime").asText()).isEqualTo("2025-06-01T12:00:00Z");
        assertThat(status.path("qosClass").asText()).isEqualTo("Burstable");
        assertThat(status.path("observedGeneration").asLong()).isEqualTo(1);
    }

    @Test
    void sameMomentGivesTheSameStatusSoTheKubeletWritesOnlyChanges() {
        assertThat(at(pod("", WEB), 100)).isEqualTo(at(pod("", WEB), 100));
    }

    @Test
    void neverReadyKnobKeepsRunningContainersUnready() {
        ObjectNode status = at(pod("sandbox.mooring.io/never-ready: \"true\"", WEB), 60);
        assertThat(status.path("phase").asText()).isEqualTo("Running");
        assertThat(Conditions.get(status, "Ready").path("reason").asText()).isEqualTo("ContainersNotReady");
        assertThat(Conditions.get(status, "Ready").path("message").asText()).isEqualTo("containers with unready status: [app]");
        assertThat(status.at("/containerStatuses/0/started").asBoolean()).isTrue();
    }

    @Test
    void crashLoopKnobShowsCrashLoopBackOffWithTheLastTermination() {
        ObjectNode status = at(pod("sandbox.mooring.io/crash-loop: \"true\"", WEB), 5);
        JsonNode container = status.at("/containerStatuses/0");
        assertThat(status.path("phase").asText()).isEqualTo("Running");
        assertThat(container.at("/state/waiting/reason").asText()).isEqualTo("CrashLoopBackOff");
        assertThat(container.at("/state/waiting/message").asText()).isEqualTo("back-off 10s restarting failed container=app pod=web-1_default(u-1)");
        assertThat(container.at("/lastState/terminated/exitCode").asInt()).isEqualTo(1);
        assertThat(container.path("restartCount").asInt()).isEqualTo(1);
    }

    @Test
    void startDelayKnobOverridesTheDefault() {
        assertThat(at(pod("sandbox.mooring.io/start-delay: 30s", WEB), 10).path("phase").asText()).isEqualTo("Pending");
        assertThat(at(pod("sandbox.mooring.io/start-delay: \"0\"", WEB), 0).path("phase").asText()).isEqualTo("Running");
    }

    @Test
    void jobPodsSucceedAtOnceOrAfterExitAfter() {
        String job = "restartPolicy: Never\ncontainers: [{name: work, image: busybox}]";
        ObjectNode done = at(pod("", job), 2);
        assertThat(done.path("phase").asText()).isEqualTo("Succeeded");
        assertThat(done.at("/containerStatuses/0/state/terminated/reason").asText()).isEqualTo("Completed");
        assertThat(Conditions.get(done, "Ready").path("reason").asText()).isEqualTo("PodCompleted");
        assertThat(at(pod("sandbox.mooring.io/exit-after: \"5\"", job), 6).path("phase").asText()).isEqualTo("Running");
        assertThat(at(pod("sandbox.mooring.io/exit-after: \"5\"", job), 7).path("phase").asText()).isEqualTo("Succeeded");
    }

    @Test
    void failKnobFailsAPodThatIsNotRestartedAndRestartsOneThatIs() {
        ObjectNode failed = at(pod("sandbox.mooring.io/fail: \"true\"", "restartPolicy: Never\ncontainers: [{name: w, image: busybox}]"), 2);
        assertThat(failed.path("phase").asText()).isEqualTo("Failed");
        assertThat(failed.at("/containerStatuses/0/state/terminated/exitCode").asInt()).isEqualTo(1);
        ObjectNode restarting = at(pod("sandbox.mooring.io/fail: \"true\"", "restartPolicy: OnFailure\ncontainers: [{name: w, image: busybox}]"), 3);
        assertThat(restarting.path("phase").asText()).isEqualTo("Running");
        assertThat(restarting.at("/containerStatuses/0/restartCount").asInt()).isPositive();
    }

    @Test
    void initContainersCompleteBeforeTheAppStarts() {
        String spec = "initContainers: [{name: migrate, image: flyway}]\ncontainers: [{name: app, image: nginx}]";
        ObjectNode pending = at(pod("", spec), 1);
        assertThat(Conditions.get(pending, "Initialized").path("status").asText()).isEqualTo("False");
        assertThat(pending.at("/containerStatuses/0/state/waiting/reason").asText()).isEqualTo("PodInitializing");
        ObjectNode running = at(pod("", spec), 3);
        assertThat(running.at("/initContainerStatuses/0/state/terminated/reason").asText()).isEqualTo("Completed");
        assertThat(Conditions.isTrue(running, "Initialized")).isTrue();
    }

    @Test
    void imagesAreReportedFullyQualified() {
        assertThat(Images.normalise("nginx")).isEqualTo("docker.io/library/nginx:latest");
        assertThat(Images.normalise("bitnami/redis:7")).isEqualTo("docker.io/bitnami/redis:7");
        assertThat(Images.normalise("ghcr.io/org/app:v1")).isEqualTo("ghcr.io/org/app:v1");
        assertThat(Images.normalise("localhost:5000/app")).isEqualTo("localhost:5000/app:latest");
        assertThat(Images.id("nginx:1.27@sha256:abc")).isEqualTo("docker.io/library/nginx@sha256:abc");
    }

    @Test
    void knobDurationsAcceptSecondsAndGoDurations() {
        assertThat(Knobs.duration("2.5")).isEqualTo(Duration.ofMillis(2500));
        assertThat(Knobs.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Knobs.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Knobs.duration("soon")).as("a value not understood leaves the knob off").isNull();
    }
}
