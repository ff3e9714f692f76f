package io.mooring.secrets;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The part of Go's text/template that secret templates use (Sealed Secrets' {@code spec.template.data},
 * External Secrets' {@code target.template.data}): text with actions that print a value,
 * {@code {{ .password }}}, {@code {{ index . "db-password" }}}, piped through {@code toString},
 * {@code b64enc}, {@code b64dec}, {@code upper}, {@code lower}, {@code trim} or {@code quote};
 * {@code {{-}} and {@code -}}} trim spaces; comments. Anything else (if, range, variables, other
 * functions) is refused by name rather than rendered differently from Go. A key that is not in the
 * data is an error, not Go's {@code <no value>}: a password must not silently become that text.
 * Errors never quote a value.
 */
public final class GoTemplate {
    private GoTemplate() {
    }

    /**
     * Renders {@code template} over {@code data}.
     *
     * @throws IllegalArgumentException saying what in the template is wrong or unsupported
     */
    public static String render(String template, Map<String, String> data) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int open = template.indexOf("{{", at);
            if (open < 0) {
                out.append(template, at, template.length());
                return out.toString();
            }
            int close = template.indexOf("}}", open + 2);
            if (close < 0) {
                throw new IllegalArgumentException("an action opened with {{ is never closed");
            }
            String action = template.substring(open + 2, close);
            boolean trimLeft = action.startsWith("- ") || action.equals("-");
            boolean trimRight = action.endsWith(" -");
            out.append(template, at, open);
            if (trimLeft) {
                trimTrailing(out);
                action = action.substring(1);
            }
            if (trimRight) {
                action = action.substring(0, action.length() - 1);
            }
            at = close + 2;
            if (trimRight) {
                while (at < template.length() && Character.isWhitespace(template.charAt(at))) {
                    at++;
                }
            }
            String body = action.strip();
            if (body.startsWith("/*") && body.endsWith("*/")) {
                continue;
            }
            out.append(pipeline(body, data));
        }
    }

    private static void trimTrailing(StringBuilder out) {
        int end = out.length();
        while (end > 0 && Character.isWhitespace(out.charAt(end - 1))) {
            end--;
        }
        out.setLength(end);
    }

    private static String pipeline(String body, Map<String, String> data) {
        if (body.isEmpty()) {
            throw new IllegalArgumentException("an empty action {{ }}");
        }
        Object value = null;
        boolean first = true;
        for (String command : split(body)) {
            List<String> words = words(command.strip());
            if (words.isEmpty()) {
                throw new IllegalArgumentException("an empty command in {{ " + body + " }}");
            }
            List<Object> args = new ArrayList<>();
            String head = words.getFirst();
            for (String word : words.subList(isFunction(head) ? 1 : 0, words.size())) {
                args.add(operand(word, data));
            }
            if (!first) {
                args.add(value);
            }
            if (isFunction(head)) {
                value = call(head, args);
            } else if (args.size() == 1) {
                value = args.getFirst();
            } else {
                throw new IllegalArgumentException("'" + head + "' is not a function Mooring's templates know (index, toString, b64enc, "
                        + "b64dec, upper, lower, trim, quote)");
            }
            first = false;
        }
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException("{{ " + body + " }} prints the whole data, not one value: use {{ .key }} or {{ index . \"key\" }}");
        }
        return text;
    }

    private static boolean isFunction(String word) {
        return Character.isLetter(word.charAt(0));
    }

    private static Object operand(String word, Map<String, String> data) {
        if (word.equals(".")) {
            return data;
        }
        if (word.startsWith(".")) {
            String key = word.substring(1);
            if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("'" + word + "' is no key Mooring's templates read: use {{ index . \"" + key + "\" }}");
            }
            return lookup(data, key);
        }
        if (word.startsWith("\"") && word.endsWith("\"") && word.length() >= 2 || word.startsWith("`") && word.endsWith("`") && word.length() >= 2) {
            return unquote(word);
        }
        if (word.startsWith("$")) {
            throw new IllegalArgumentException("template variables (" + word + ") are not supported");
        }
        throw new IllegalArgumentException("'" + word + "' is not supported in Mooring's templates (keys, strings and the functions "
                + "index, toString, b64enc, b64dec, upper, lower, trim, quote are)");
    }

    private static String lookup(Map<String, String> data, String key) {
        String value = data.get(key);
        if (value == null) {
            throw new IllegalArgumentException("the template reads key \"" + key + "\", which the data does not have (it has "
                    + String.join(", ", new java.util.TreeSet<>(data.keySet())) + ")");
        }
        return value;
    }

    private static final java.util.Set<String> FUNCTIONS = java.util.Set.of("index", "toString", "b64enc", "b64dec", "upper", "lower",
            "trim", "quote");

    @SuppressWarnings("unchecked")
    private static Object call(String function, List<Object> args) {
        if (!FUNCTIONS.contains(function)) {
            throw new IllegalArgumentException("'" + function + "' is not a function Mooring's templates know (index, toString, "
                    + "b64enc, b64dec, upper, lower, trim, quote)");
        }
        if (function.equals("index")) {
            if (args.size() != 2 || !(args.get(0) instanceof Map<?, ?> map) || !(args.get(1) instanceof String key)) {
                throw new IllegalArgumentException("index takes the data and one key: {{ index . \"key\" }}");
            }
            return lookup((Map<String, String>) map, key);
        }
        if (args.size() != 1 || !(args.getFirst() instanceof String text)) {
            throw new IllegalArgumentException(function + " takes one value");
        }
        return switch (function) {
            case "toString" -> text;
            case "b64enc" -> Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
            case "b64dec" -> {
                try {
                    yield new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("b64dec got a value that is not base64");
                }
            }
            case "upper" -> text.toUpperCase(Locale.ROOT);
            case "lower" -> text.toLowerCase(Locale.ROOT);
            case "trim" -> text.strip();
            default -> "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\""; // quote
        };
    }

    private static String unquote(String literal) {
        String inner = literal.substring(1, literal.length() - 1);
        if (literal.charAt(0) == '`') {
            return inner;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\' && i + 1 < inner.length()) {
                char next = inner.charAt(++i);
                out.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The commands of a pipeline: split at {@code |} outside string literals. */
    private static List<String> split(String body) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '"' && i + 1 < body.length()) {
                    part.append(c).append(body.charAt(++i));
                    continue;
                }
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '`') {
                quote = c;
            } else if (c == '|') {
                parts.add(part.toString());
                part.setLength(0);
                continue;
            }
            part.append(c);
        }
        if (quote != 0) {
            throw new IllegalArgumentException("a string in {{ " + body + " }} is never closed");
        }
        parts.add(part.toString());
        return parts;
    }

    private static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < command.length()) {
            char c = command.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '(' || c == ')') {
                throw new IllegalArgumentException("parentheses in templates are not supported: use a pipeline (a | b)");
            }
            int end = i + 1;
            if (c == '"' || c == '`') {
                while (end < command.length() && command.charAt(end) != c) {
                    end += command.charAt(end) == '\\' && c == '"' ? 2 : 1;
                }
                end = Math.min(end + 1, command.length());
            } else {
                while (end < command.length() && !Character.isWhitespace(command.charAt(end))) {
                    end++;
                }
            }
            words.add(command.substring(i, end));
            i = end;
        }
        return words;
    }
}
