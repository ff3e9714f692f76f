package io.mooring.policy.jmespath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mooring.policy.value.GoText;
import io.mooring.policy.value.Wildcard;

import java.util.List;
import java.util.Locale;

import static io.mooring.policy.jmespath.Function.ArgType.NUMBER;
import static io.mooring.policy.jmespath.Function.ArgType.STRING;
import static io.mooring.policy.jmespath.Function.either;

/** Kyverno's string functions (compare, split, regex_match, ...), with Go's {@code strings} semantics. */
final class StringFunctions {
    private StringFunctions() {
    }

    static List<Function> all() {
        return List.of(
                Function.of("compare", a -> JsonValues.number(Integer.signum(a.string(0).compareTo(a.string(1)))), STRING, STRING),
                Function.of("equal_fold", a -> BooleanNode.valueOf(a.string(0).equalsIgnoreCase(a.string(1))), STRING, STRING),
                Function.of("replace", StringFunctions::replace, STRING, STRING, STRING, NUMBER),
                Function.of("replace_all", a -> text(a.string(0).replace(a.string(1), a.string(2))), STRING, STRING, STRING),
                Function.of("to_upper", a -> text(a.string(0).toUpperCase(Locale.ROOT)), STRING),
                Function.of("to_lower", a -> text(a.string(0).toLowerCase(Locale.ROOT)), STRING),
                Function.of("trim", a -> text(trim(a.string(0), a.string(1))), STRING, STRING),
                Function.of("trim_prefix", a -> text(a.string(0).startsWith(a.string(1)) ? a.string(0).substring(a.string(1).length()) : a.string(0)), STRING, STRING),
                Function.of("split", StringFunctions::split, STRING, STRING),
                Function.of("regex_replace_all", List.of(either(STRING), either(STRING, NUMBER), either(STRING, NUMBER)), a -> regexReplace(a, false)),
                Function.of("regex_replace_all_literal", List.of(either(STRING), either(STRING, NUMBER), either(STRING, NUMBER)), a -> regexReplace(a, true)),
                Function.of("regex_match", List.of(either(STRING), either(STRING, NUMBER)),
                        a -> BooleanNode.valueOf(GoRegex.compile("regex_match", a.string(0)).matcher(stringOf(a.node(1))).find())),
                Function.of("pattern_match", List.of(either(STRING), either(STRING, NUMBER)),
                        a -> BooleanNode.valueOf(Wildcard.match(a.string(0), stringOf(a.node(1))))),
                Function.of("truncate", a -> truncate(a.string(0), a.number(1)), STRING, NUMBER));
    }

    /** Kyverno's ifaceToString: a number as its shortest float32 text. */
    static String stringOf(JsonNode value) {
        return value.isTextual() ? value.textValue() : GoText.formatFloat32(value.doubleValue());
    }

    private static TextNode text(String value) {
        return TextNode.valueOf(value);
    }

    /** Go's strings.Replace: at most {@code n} replacements (all when negative); an empty "old" matches before every character and at the end. */
    private static JsonNode replace(Arguments a) {
        String source = a.string(0);
        String old = a.string(1);
        String replacement = a.string(2);
        int count = (int) a.number(3);
        StringBuilder out = new StringBuilder();
        if (old.isEmpty()) {
            int[] codePoints = source.codePoints().toArray();
            int limit = count < 0 ? codePoints.length + 1 : count;
            for (int i = 0; i < codePoints.length; i++) {
                if (i < limit) {
                    out.append(replacement);
                }
                out.appendCodePoint(codePoints[i]);
            }
            if (codePoints.length < limit) {
                out.append(replacement);
            }
            return text(out.toString());
        }
        int from = 0;
        int at;
        for (int done = 0; (count < 0 || done < count) && (at = source.indexOf(old, from)) >= 0; done++) {
            out.append(source, from, at).append(replacement);
            from = at + old.length();
        }
        return text(out.append(source.substring(from)).toString());
    }

    private static String trim(String source, String cutset) {
        int start = 0;
        int end = source.length();
        while (start < end && cutset.indexOf(source.codePointAt(start)) >= 0) {
            start += Character.charCount(source.codePointAt(start));
        }
        while (end > start && cutset.indexOf(source.codePointBefore(end)) >= 0) {
            end -= Character.charCount(source.codePointBefore(end));
        }
        return source.substring(start, end);
    }

    /** Go's strings.Split: literal separator, empty parts kept, an empty separator splits into characters. */
    private static JsonNode split(Arguments a) {
        String source = a.string(0);
        String separator = a.string(1);
        ArrayNode out = JsonValues.array();
        if (separator.isEmpty()) {
            source.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
            return out;
        }
        int from = 0;
        int at;
        while ((at = source.indexOf(separator, from)) >= 0) {
            out.add(source.substring(from, at));
            from = at + separator.length();
        }
        return out.add(source.substring(from));
    }

    private static JsonNode regexReplace(Arguments a, boolean literal) {
        String function = literal ? "regex_replace_all_literal" : "regex_replace_all";
        return text(GoRegex.replaceAll(GoRegex.compile(function, a.string(0)), stringOf(a.node(1)), stringOf(a.node(2)), literal));
    }

    private static JsonNode truncate(String source, double length) {
        int keep = (int) Math.max(0, length);
        int count = source.codePointCount(0, source.length());
        return text(keep >= count ? source : source.substring(0, source.offsetByCodePoints(0, keep)));
    }
}
