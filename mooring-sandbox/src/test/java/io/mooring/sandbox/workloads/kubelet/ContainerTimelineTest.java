package io.mooring.sandbox.workloads.kubelet;

import io.mooring.sandbox.workloads.kubelet.ContainerTimeline.BackOff;
import io.mooring.sandbox.workloads.kubelet.ContainerTimeline.Creating;
import io.mooring.sandbox.workloads.kubelet.ContainerTimeline.Done;
import io.mooring.sandbox.workloads.kubelet.ContainerTimeline.Running;
import io.mooring.sandbox.workloads.kubelet.ContainerTimeline.State;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerTimelineTest {
    private static final Instant BEGIN = Instant.parse("2025-06-01T12:00:00Z");
    private static final Duration BASE = Duration.ofSeconds(10);

    private static State crashLoopAt(long seconds) {
        return ContainerTimeline.at(BEGIN.plusSeconds(seconds), BEGIN, Duration.ofSeconds(1), 1, true, true, BASE);
    }

    @Test
    void containersCreateUntilTheirStartThenRunReady() {
        assertThat(ContainerTimeline.at(BEGIN.minusMillis(1), BEGIN, null, 0, true, true, BASE)).isEqualTo(new Creating(BEGIN));
        assertThat(ContainerTimeline.at(BEGIN.plusSeconds(3600), BEGIN, null, 0, true, true, BASE))
                .isEqualTo(new Running(BEGIN, 0, null, true, null));
    }

    @Test
    void crashLoopRestartsAtOnceThenBacksOffDoublingAndCountsRestarts() {
        assertThat(crashLoopAt(0)).as("first run").isInstanceOfSatisfying(Running.class, r -> assertThat(r.restarts()).isZero());
        assertThat(crashLoopAt(1)).as("first restart is immediate").isInstanceOfSatisfying(Running.class, r -> {
            assertThat(r.restarts()).isEqualTo(1);
            assertThat(r.last().finishedAt()).isEqualTo(BEGIN.plusSeconds(1));
            assertThat(r.ready()).as("a crash-looping container never reports ready").isFalse();
        });
        assertThat(crashLoopAt(2)).isInstanceOfSatisfying(BackOff.class, b -> {
            assertThat(b.restarts()).isEqualTo(1);
            assertThat(b.backoff()).isEqualTo(BASE);
            assertThat(b.next()).isEqualTo(BEGIN.plusSeconds(12));
        });
        assertThat(crashLoopAt(12)).isInstanceOfSatisfying(Running.class, r -> assertThat(r.restarts()).isEqualTo(2));
        assertThat(crashLoopAt(14)).isInstanceOfSatisfying(BackOff.class, b -> assertThat(b.backoff()).isEqualTo(Duration.ofSeconds(20)));
    }

    @Test
    void backOffStopsGrowingAtFiveMinutesAndLongLoopsStayCheap() {
        assertThat(ContainerTimeline.backoff(10, BASE)).isEqualTo(Duration.ofMinutes(5));
        State dayLater = crashLoopAt(86_400);
        int restarts = dayLater instanceof Running r ? r.restarts() : ((BackOff) dayLater).restarts();
        assertThat(restarts).as("runs start at 0, 1, 12, 33, 74, 155, 316 s, then every 301 s: 6 + (86400 - 316) / 301")
                .isEqualTo(291);
    }

    @Test
    void runToCompletionEndsOnceWithItsExitCode() {
        State running = ContainerTimeline.at(BEGIN.plusSeconds(1), BEGIN, Duration.ofSeconds(5), 0, false, true, BASE);
        assertThat(running).isInstanceOfSatisfying(Running.class, r -> assertThat(r.next()).isEqualTo(BEGIN.plusSeconds(5)));
        State done = ContainerTimeline.at(BEGIN.plusSeconds(5), BEGIN, Duration.ofSeconds(5), 1, false, true, BASE);
        assertThat(done).isInstanceOfSatisfying(Done.class, d -> {
            assertThat(d.exit().exitCode()).isEqualTo(1);
            assertThat(d.exit().reason()).isEqualTo("Error");
        });
    }
}
