package io.mooring.policy.condition;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A block of conditions: {@code any} (one must hold; absent means no constraint, present and empty
 * means it cannot hold) and {@code all} (every one must hold). Kyverno's old form, a plain list, is
 * an {@code all}.
 */
public record Conditions(List<Condition> any, List<Condition> all) {
    public static final Conditions NONE = new Conditions(null, List.of());

    public Conditions {
        any = any == null ? null : List.copyOf(any);
        all = all == null ? List.of() : List.copyOf(all);
    }

    public boolean isEmpty() {
        return any == null && all.isEmpty();
    }

    /** Resolves the variables of a key or value; may throw to report a variable that cannot be resolved. */
    @FunctionalInterface
    public interface Substitution {
        JsonNode apply(JsonNode template);
    }

    /**
     * Whether the block holds, and the messages of the conditions that decided it.
     *
     * @param holds   the result
     * @param message the messages of the false conditions when false, of the true ones when true, joined by "; "
     */
    public record Outcome(boolean holds, String message) {
    }

    public Outcome evaluate(Substitution substitution) {
        boolean anyHolds = true;
        List<String> falseMessages = new ArrayList<>();
        List<String> trueMessages = new ArrayList<>();
        if (any != null) {
            anyHolds = false;
            for (Condition condition : any) {
                if (holds(condition, substitution)) {
                    anyHolds = true;
                    add(trueMessages, condition.message());
                    break;
                }
                add(falseMessages, condition.message());
            }
        }
        boolean allHold = true;
        for (Condition condition : all) {
            if (!holds(condition, substitution)) {
                allHold = false;
                add(falseMessages, condition.message());
                break;
            }
            add(trueMessages, condition.message());
        }
        boolean holds = anyHolds && allHold;
        return new Outcome(holds, String.join("; ", holds ? trueMessages : falseMessages));
    }

    private static boolean holds(Condition condition, Substitution substitution) {
        JsonNode key = substitution.apply(condition.key());
        JsonNode value = substitution.apply(condition.value());
        return OperatorSemantics.evaluate(condition.operator(), key, value);
    }

    private static void add(List<String> messages, String message) {
        if (message != null && !message.isEmpty()) {
            messages.add(message);
        }
    }
}
