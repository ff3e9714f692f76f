package io.mooring.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;

/** Turns on debug logging when {@code --verbose} was given anywhere on the command line, then runs the command. */
final class VerboseAwareExecution implements IExecutionStrategy {
    @Override
    public int execute(ParseResult parseResult) {
        if (!isVerbose(parseResult)) {
            // Logback is left alone: setting it up is a tenth of a short command's start-up.
            return new RunLast().execute(parseResult);
        }
        Logger mooring = (Logger) LoggerFactory.getLogger("io.mooring");
        Level before = mooring.getLevel();
        mooring.setLevel(Level.DEBUG);
        try {
            return new RunLast().execute(parseResult);
        } finally {
            // Restored for whoever runs the next command in this JVM (the tests do).
            mooring.setLevel(before);
        }
    }

    /** True when {@code -v}/{@code --verbose} was matched on the command or any of its subcommands. */
    static boolean isVerbose(ParseResult parseResult) {
        for (ParseResult part = parseResult; part != null; part = part.subcommand()) {
            if (part.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
