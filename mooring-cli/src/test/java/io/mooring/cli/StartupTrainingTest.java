package io.mooring.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class StartupTrainingTest {
    private static final Path PLATFORM = CliRun.repositoryRoot().resolve("examples/platform");

    @Test
    void everyTrainingCommandFindsItsInputsInTheExamplePlatform() {
        assertThat(StartupTraining.commands(PLATFORM)).as("a moved example leaves its command out of the training, slowing it")
                .hasSize(5);
    }

    @Test
    void everyTrainingCommandSucceedsOnTheExamplePlatform() {
        assertThat(StartupTraining.run(PLATFORM)).as("commands that failed; a failing one trains less of its path").isEmpty();
    }
}
