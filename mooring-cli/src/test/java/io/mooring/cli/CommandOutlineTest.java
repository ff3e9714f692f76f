package io.mooring.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

class CommandOutlineTest {
    @TempDir
    Path dir;

    @Test
    void theCommandNamedFirstIsInspectedAfterTheTopLevelFlags() {
        assertThat(inspectedNames("-v", "render", "app")).as("the first word is the command; later words are its arguments")
                .containsExactly("render");
    }

    @Test
    void helpInspectsTheCommandItShows() {
        assertThat(inspectedNames("help", "app")).containsExactly("app");
        assertThat(inspectedNames("help")).as("help alone lists the commands from their outlines").isEmpty();
    }

    @Test
    void theTopLevelHelpInspectsNoCommand() {
        assertThat(inspectedNames("--help")).isEmpty();
        assertThat(inspectedNames()).isEmpty();
    }

    @Test
    void anArgumentFileInspectsEveryCommand() {
        assertThat(inspectedNames("@args.txt")).as("the file may name any command").hasSize(Main.COMMANDS.size());
    }

    @Test
    void theTopLevelHelpReadsTheSameFromOutlines() {
        assertThat(usage(Main.commandLine(outline -> false))).as("outlines keep names, order and descriptions")
                .isEqualTo(usage(Main.commandLine()));
    }

    @Test
    void aCommandRunsWhenOnlyItIsInspected() throws IOException {
        Files.writeString(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n");
        String[] args = {"render", dir.toString()};
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exitCode = Main.commandLine(CommandOutline.inspected(args))
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);

        assertThat(exitCode).as(err.toString()).isZero();
        assertThat(out.toString()).contains("kind: ConfigMap", "name: settings");
    }

    @Test
    void aTypoIsStillAUsageErrorWithASuggestion() {
        String[] args = {"rendr", "x"};
        StringWriter err = new StringWriter();

        int exitCode = Main.commandLine(CommandOutline.inspected(args)).setErr(new PrintWriter(err, true)).execute(args);

        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Did you mean: mooring render");
    }

    private static List<String> inspectedNames(String... args) {
        Predicate<CommandOutline> inspected = CommandOutline.inspected(args);
        return Main.COMMANDS.stream().map(CommandOutline::of).filter(inspected).map(CommandOutline::name).toList();
    }

    private static String usage(CommandLine commandLine) {
        StringWriter out = new StringWriter();
        commandLine.usage(new PrintWriter(out, true));
        return out.toString();
    }
}
