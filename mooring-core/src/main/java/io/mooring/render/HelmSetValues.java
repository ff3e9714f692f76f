package io.mooring.render;

import io.mooring.resource.ManifestException;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Helm {@code --set} expressions ({@code a.b=c,d[0]=e}) into single assignments.
 *
 * <p>Why not hand the expression to Helm whole: helm-java takes one key and one value at a time and
 * escapes every special character of the value, so {@code a=x,b=y} would set {@code a} to the
 * string {@code "x,y"}. Splitting here restores Helm's meaning of commas and backslash escapes.
 * Keys stay as written (Helm reads their escapes and indexes itself); values are unescaped, because
 * helm-java escapes them again. Helm types each value as its CLI does ({@code true}, {@code 3},
 * {@code null}).
 *
 * <p>The list form {@code key={a,b}} is refused: helm-java would set it as a literal string, and
 * rewriting it as indexes would update a list from a values file instead of replacing it.
 */
final class HelmSetValues {
    private HelmSetValues() {
    }

    /** One assignment: a Helm key path and its (unescaped) value. */
    record Assignment(String key, String value) {
    }

    static List<Assignment> parse(List<String> expressions) {
        List<Assignment> assignments = new ArrayList<>();
        for (String expression : expressions) {
            parseInto(expression, assignments);
        }
        return assignments;
    }

    private static void parseInto(String expression, List<Assignment> into) {
        int i = 0;
        while (i < expression.length()) {
            int keyEnd = scan(expression, i, true);
            String key = expression.substring(i, keyEnd);
            if (keyEnd == expression.length() || expression.charAt(keyEnd) != '=') {
                throw problem(expression, "key \"" + key + "\" has no value");
            }
            if (key.isEmpty()) {
                throw problem(expression, "a value has no key");
            }
            int valueStart = keyEnd + 1;
            if (valueStart < expression.length() && expression.charAt(valueStart) == '{') {
                throw problem(expression, "the list form " + key + "={...} is not supported",
                        "put the list in a values file, or set its items by index: " + key + "[0]=...");
            }
            int valueEnd = scan(expression, valueStart, false);
            into.add(new Assignment(key, unescape(expression.substring(valueStart, valueEnd))));
            i = valueEnd + 1;
        }
    }

    /** Index of the first unescaped {@code ,} (or {@code =} when reading a key), or the end. */
    private static int scan(String text, int from, boolean key) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ',' || (key && c == '=')) {
                return i;
            }
        }
        return text.length();
    }

    private static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                c = value.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    private static ManifestException problem(String expression, String problem) {
        return problem(expression, problem, "write --set key=value, several separated by commas");
    }

    private static ManifestException problem(String expression, String problem, String hint) {
        return new ManifestException("--set " + expression, 0, problem, hint);
    }
}
