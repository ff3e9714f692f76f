package io.mooring.sandbox.workloads.metrics;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class UsageModelTest {
    private static final Instant AT = Instant.parse("2025-06-01T12:00:07Z");

    @Test
    void sameSeedContainerAndMomentGiveTheSameFigures() {
        UsageModel model = new UsageModel(42);
        assertThat(model.cpuNanos("default/web-1/app", 100, 0, AT)).isEqualTo(new UsageModel(42).cpuNanos("default/web-1/app", 100, 0, AT));
        assertThat(model.cpuNanos("default/web-1/app", 100, 0, AT))
                .as("constant within one 15s window").isEqualTo(model.cpuNanos("default/web-1/app", 100, 0, AT.plusSeconds(7)));
    }

    @Test
    void anotherSeedOrContainerGivesOtherFigures() {
        long cpu = new UsageModel(42).cpuNanos("default/web-1/app", 100, 0, AT);
        assertThat(new UsageModel(43).cpuNanos("default/web-1/app", 100, 0, AT)).isNotEqualTo(cpu);
        assertThat(new UsageModel(42).cpuNanos("default/web-2/app", 100, 0, AT)).isNotEqualTo(cpu);
    }

    @Test
    void usageStaysWithinRequestsAndLimitsOverADay() {
        UsageModel model = new UsageModel(7);
        for (int window = 0; window < 24 * 60 * 4; window++) {
            Instant at = AT.plusSeconds(15L * window);
            assertThat(model.cpuNanos("ns/p/c", 250, 0, at)).as("within the 250m request at %s", at).isBetween(1L, 250_000_000L);
            assertThat(model.memoryBytes("ns/p/c", 256L << 20, 0, at)).isBetween(1L, 256L << 20);
            assertThat(model.cpuNanos("ns/p/c", 0, 100, at)).as("a limit caps a container that requests nothing").isLessThanOrEqualTo(100_000_000L);
        }
    }

    @Test
    void figuresMoveOverTime() {
        UsageModel model = new UsageModel(1);
        long first = model.cpuNanos("ns/p/c", 1000, 0, AT);
        boolean moved = false;
        for (int window = 1; window < 40 && !moved; window++) {
            moved = model.cpuNanos("ns/p/c", 1000, 0, AT.plusSeconds(15L * window)) != first;
        }
        assertThat(moved).as("CPU use changes from window to window").isTrue();
    }
}
