package io.mooring.cli;

import io.mooring.resource.ManifestException;
import io.mooring.sandbox.SandboxException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;

/**
 * Errors the kubectl way: one line {@code error: <message>} on stderr. A bad input
 * ({@link ManifestException}: its message has the file, line and a hint) or a sandbox that cannot
 * start or be reached ({@link SandboxException}: its message says what to do) exits 1 without a
 * stack trace; an unexpected failure exits 1 and shows its stack trace with {@code --verbose}; a usage
 * error exits 2 and points at the command's help.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
    static final int FAILED = 1;

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (exception instanceof ManifestException || exception instanceof SandboxException) {
            err.println("error: " + exception.getMessage());
        } else {
            err.println("error: " + (exception.getMessage() == null ? exception.toString() : exception.getMessage()));
            if (VerboseAwareExecution.isVerbose(parseResult)) {
                exception.printStackTrace(err);
            } else {
                err.println("(an unexpected error: run again with --verbose for its stack trace)");
            }
        }
        err.flush();
        return FAILED;
    }

    @Override
    public int handleParseException(ParameterException exception, String[] args) {
        CommandLine commandLine = exception.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("error: " + exception.getMessage());
        UnmatchedArgumentException.printSuggestions(exception, err);
        err.println("See '" + commandLine.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }
}
