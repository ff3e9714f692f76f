package io.mooring.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * A subcommand as the top-level help lists it: its name and description, read from its
 * {@code @Command} annotation alone. Picocli inspects a command class in full when it is added
 * (every option, converter, mixin and nested subcommand, with the classes they name), which was
 * about a third of the start-up of a short command such as {@code mooring render}. So the command
 * line of {@link Main#main} inspects only the subcommand its arguments name; the others stay
 * outlines, enough to list them, to suggest a name for a typo, and never run.
 *
 * @param spec a spec with only the names and the help text
 */
record CommandOutline(CommandSpec spec) {
    static CommandOutline of(Class<?> command) {
        Command annotation = command.getAnnotation(Command.class);
        if (annotation == null) {
            throw new IllegalArgumentException(command + " has no @Command annotation");
        }
        CommandSpec spec = CommandSpec.create().name(annotation.name()).aliases(annotation.aliases());
        spec.usageMessage().header(annotation.header()).description(annotation.description()).hidden(annotation.hidden());
        return new CommandOutline(spec);
    }

    String name() {
        return spec.name();
    }

    /** Whether {@code word} on a command line calls this command (by its name or an alias). */
    boolean answersTo(String word) {
        return spec.name().equals(word) || Arrays.asList(spec.aliases()).contains(word);
    }

    /**
     * Which subcommands the arguments can run: the first word that is no option (the top-level
     * options are all flags, so the first word is the subcommand), or the word after {@code help};
     * every one when an {@code @file} may hold the words; none for the top-level help alone.
     */
    static Predicate<CommandOutline> inspected(String[] args) {
        if (Arrays.stream(args).anyMatch(arg -> arg.startsWith("@"))) {
            return outline -> true;
        }
        List<String> words = Arrays.stream(args).filter(arg -> !arg.startsWith("-")).limit(2).toList();
        if (words.isEmpty()) {
            return outline -> false;
        }
        String named = words.getFirst().equals("help") && words.size() == 2 ? words.get(1) : words.getFirst();
        return outline -> outline.answersTo(named);
    }
}
