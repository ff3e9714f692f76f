package io.mooring.cli.sandbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class StatusCommandTest {
    @Test
    void uptimeIsShortAndReadable() {
        assertThat(StatusCommand.uptime(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(StatusCommand.uptime(Duration.ofSeconds(192))).isEqualTo("3m 12s");
        assertThat(StatusCommand.uptime(Duration.ofMinutes(125))).isEqualTo("2h 5m");
        assertThat(StatusCommand.uptime(Duration.ofSeconds(-1))).as("a clock that went back").isEqualTo("0s");
    }
}
