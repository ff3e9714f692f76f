package io.mooring.cli;

import io.mooring.sandbox.SandboxException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorHandlerTest {
    private final StringWriter err = new StringWriter();

    @Test
    void anUnexpectedErrorIsOneLineAndAHintWithoutVerbose() {
        int exitCode = handle(new IllegalStateException("boom"), "up");

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: boom\n(an unexpected error: run again with --verbose for its stack trace)\n");
    }

    @Test
    void anUnexpectedErrorShowsItsStackTraceWithVerbose() {
        int exitCode = handle(new IllegalStateException("boom"), "up", "--verbose");

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: boom\njava.lang.IllegalStateException: boom\n").contains("\tat ");
    }

    @Test
    void anErrorWithoutMessageIsNamedByItsType() {
        handle(new NullPointerException(), "-v", "up");

        assertThat(err.toString()).startsWith("error: java.lang.NullPointerException\n");
    }

    @Test
    void aSandboxThatCannotStartIsOneLineWithWhatToDo() {
        int exitCode = handle(new SandboxException("port 8080 on 127.0.0.1 is in use: choose another port, or 0 for a free one"),
                "sandbox", "start");

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString()).as("no hint about stack traces: the message says what to do")
                .isEqualTo("error: port 8080 on 127.0.0.1 is in use: choose another port, or 0 for a free one\n");
    }

    private int handle(Exception exception, String... args) {
        CommandLine commandLine = Main.commandLine().setErr(new PrintWriter(err, true));
        CommandLine.ParseResult parseResult = commandLine.parseArgs(args);
        return new ErrorHandler().handleExecutionException(exception, commandLine, parseResult);
    }
}
