package io.mooring.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {
    @Test
    void helpListsEveryCommand() {
        CliRun run = CliRun.of("--help");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).as("the commands in the help").contains("render", "up", "sandbox", "help", "--verbose", "--version");
    }

    @Test
    void noCommandPrintsTheHelpAsKubectlDoes() {
        CliRun run = CliRun.of();

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("Usage: mooring");
    }

    @ParameterizedTest
    @ValueSource(strings = {"render", "up", "sandbox", "sandbox start", "sandbox stop", "sandbox status", "help"})
    void everyCommandHasHelp(String command) {
        String[] words = (command + " --help").split(" ");
        CliRun run = CliRun.of(words);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).as(run.toString()).contains("Usage: mooring " + command);
    }

    @Test
    void versionNamesTheBuiltVersion() {
        CliRun run = CliRun.of("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).as("Maven filled in the version").matches("mooring \\d+\\.\\d+\\.\\d+.*\\n").doesNotContain("${");
    }

    @Test
    void anUnknownCommandIsAUsageErrorWithASuggestion() {
        CliRun run = CliRun.of("rendr", "x");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: ").contains("Did you mean: mooring render", "See 'mooring --help' for usage.");
        assertThat(run.out()).isEmpty();
    }
}
