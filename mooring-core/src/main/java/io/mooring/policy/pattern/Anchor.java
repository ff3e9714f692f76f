package io.mooring.policy.pattern;

/**
 * A key of a validation pattern wrapped in an anchor: {@code (key)} conditional, {@code <(key)}
 * global, {@code X(key)} negation, {@code +(key)} add-if-absent, {@code =(key)} equality,
 * {@code ^(key)} existence.
 */
public record Anchor(Type type, String key) {
    public enum Type {
        CONDITION(""), GLOBAL("<"), NEGATION("X"), ADD_IF_NOT_PRESENT("+"), EQUALITY("="), EXISTENCE("^");

        private final String modifier;

        Type(String modifier) {
            this.modifier = modifier;
        }
    }

    /** The anchor a pattern key is, or null for a plain key (Kyverno's Parse, also for its odd edges). */
    public static Anchor parse(String text) {
        if (text.length() < 2 || text.charAt(text.length() - 1) != ')') {
            return null;
        }
        Type type;
        String key;
        char first = text.charAt(0);
        if (first == '(') {
            type = Type.CONDITION;
            key = text.substring(1, text.length() - 1);
        } else {
            type = switch (first) {
                case '<' -> Type.GLOBAL;
                case 'X' -> Type.NEGATION;
                case '+' -> Type.ADD_IF_NOT_PRESENT;
                case '=' -> Type.EQUALITY;
                case '^' -> Type.EXISTENCE;
                default -> null;
            };
            if (type == null) {
                return null;
            }
            key = text.length() < 3 ? "" : text.substring(2, text.length() - 1);
        }
        return key.isEmpty() ? null : new Anchor(type, key);
    }

    /** The anchor written back as a key, for a key that wildcards were expanded in. */
    public String text() {
        return type.modifier + "(" + key + ")";
    }
}
