package io.mooring.policy.jmespath;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Go's {@code regexp} where Kyverno's functions use it: the {@code (?P<name>)} group syntax and the
 * {@code $1} / {@code ${name}} / {@code $$} replacement templates, on top of Java's (compatible for
 * the RE2 subset) regular expressions. Matching is unanchored, as {@code regexp.Match}.
 */
final class GoRegex {
    private GoRegex() {
    }

    static Pattern compile(String function, String regex) {
        try {
            return Pattern.compile(regex.replace("(?P<", "(?<"));
        } catch (PatternSyntaxException e) {
            throw new JmesPathException("function " + function + "(): invalid regular expression " + regex + ": " + e.getDescription());
        }
    }

    static String replaceAll(Pattern pattern, String source, String template, boolean literal) {
        Matcher matcher = pattern.matcher(source);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (matcher.find()) {
            out.append(source, last, matcher.start());
            if (literal) {
                out.append(template);
            } else {
                expand(matcher, template, out);
            }
            last = matcher.end();
        }
        if (last < source.length()) {
            out.append(source, last, source.length());
        }
        return out.toString();
    }

    private static void expand(Matcher matcher, String template, StringBuilder out) {
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= template.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = template.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            String name;
            if (next == '{') {
                int close = template.indexOf('}', i + 2);
                if (close < 0) {
                    out.append(c);
                    i++;
                    continue;
                }
                name = template.substring(i + 2, close);
                i = close + 1;
            } else {
                int end = i + 1;
                while (end < template.length() && (Character.isLetterOrDigit(template.charAt(end)) || template.charAt(end) == '_')) {
                    end++;
                }
                if (end == i + 1) {
                    out.append(c);
                    i++;
                    continue;
                }
                name = template.substring(i + 1, end);
                i = end;
            }
            out.append(group(matcher, name));
        }
    }

    private static String group(Matcher matcher, String name) {
        String value;
        try {
            value = name.chars().allMatch(Character::isDigit)
                    ? (Integer.parseInt(name) <= matcher.groupCount() ? matcher.group(Integer.parseInt(name)) : null)
                    : matcher.group(name);
        } catch (IllegalArgumentException e) {
            value = null;
        }
        return value == null ? "" : value;
    }
}
