package io.mooring.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.math.BigInteger;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a YAML scalar means. Kubernetes tools written in Go read YAML with go-yaml v3, whose
 * resolver differs from YAML 1.1 (no yes/no booleans, no sexagesimal numbers) and from strict
 * YAML 1.2 (0777 is still octal, underscores in numbers are dropped). Reading a manifest the way
 * they do is what makes our output match theirs, so this follows go-yaml v3's rules.
 */
public final class YamlScalars {
    private static final Map<String, JsonNode> KNOWN = Map.ofEntries(
            Map.entry("true", BooleanNode.TRUE), Map.entry("True", BooleanNode.TRUE), Map.entry("TRUE", BooleanNode.TRUE),
            Map.entry("false", BooleanNode.FALSE), Map.entry("False", BooleanNode.FALSE), Map.entry("FALSE", BooleanNode.FALSE),
            Map.entry("", YamlNull.EMPTY), Map.entry("~", YamlNull.TILDE), Map.entry("null", YamlNull.LOWER),
            Map.entry("Null", YamlNull.TITLE), Map.entry("NULL", YamlNull.UPPER),
            Map.entry(".nan", DoubleNode.valueOf(Double.NaN)), Map.entry(".NaN", DoubleNode.valueOf(Double.NaN)),
            Map.entry(".NAN", DoubleNode.valueOf(Double.NaN)),
            Map.entry(".inf", DoubleNode.valueOf(Double.POSITIVE_INFINITY)), Map.entry(".Inf", DoubleNode.valueOf(Double.POSITIVE_INFINITY)),
            Map.entry(".INF", DoubleNode.valueOf(Double.POSITIVE_INFINITY)), Map.entry("+.inf", DoubleNode.valueOf(Double.POSITIVE_INFINITY)),
            Map.entry("+.Inf", DoubleNode.valueOf(Double.POSITIVE_INFINITY)), Map.entry("+.INF", DoubleNode.valueOf(Double.POSITIVE_INFINITY)),
            Map.entry("-.inf", DoubleNode.valueOf(Double.NEGATIVE_INFINITY)), Map.entry("-.Inf", DoubleNode.valueOf(Double.NEGATIVE_INFINITY)),
            Map.entry("-.INF", DoubleNode.valueOf(Double.NEGATIVE_INFINITY)));

    private static final Map<String, JsonNode> YAML11_BOOLEANS = Map.ofEntries(
            Map.entry("y", BooleanNode.TRUE), Map.entry("Y", BooleanNode.TRUE), Map.entry("yes", BooleanNode.TRUE),
            Map.entry("Yes", BooleanNode.TRUE), Map.entry("YES", BooleanNode.TRUE), Map.entry("on", BooleanNode.TRUE),
            Map.entry("On", BooleanNode.TRUE), Map.entry("ON", BooleanNode.TRUE),
            Map.entry("n", BooleanNode.FALSE), Map.entry("N", BooleanNode.FALSE), Map.entry("no", BooleanNode.FALSE),
            Map.entry("No", BooleanNode.FALSE), Map.entry("NO", BooleanNode.FALSE), Map.entry("off", BooleanNode.FALSE),
            Map.entry("Off", BooleanNode.FALSE), Map.entry("OFF", BooleanNode.FALSE));

    private static final Pattern YAML_FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern DOT_FLOAT = Pattern.compile("\\.[0-9]+([eE][-+]?[0-9]+)?");
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    static final String TAG_PREFIX = "tag:yaml.org,2002:";

    private YamlScalars() {
    }

    /**
     * The value of a plain (unquoted, untagged) scalar. A null, number or boolean written another
     * way than it prints ({@code ~}, {@code 0x1F}, {@code True}), and a timestamp, keep their text
     * (see {@link WrittenScalar}).
     */
    public static JsonNode plain(String text) {
        return WrittenScalar.of(resolvePlain(text), text);
    }

    private static JsonNode resolvePlain(String text) {
        JsonNode known = KNOWN.get(text);
        if (known != null) {
            return known;
        }
        char first = text.charAt(0);
        if (first == '.') {
            return DOT_FLOAT.matcher(text).matches() ? finiteOrText(text, text) : TextNode.valueOf(text);
        }
        if (first == '+' || first == '-' || (first >= '0' && first <= '9')) {
            return number(text).orElseGet(() -> timestampOrText(text));
        }
        return TextNode.valueOf(text);
    }

    /**
     * The value of a plain scalar as go-yaml v2 decodes it into a generic value: {@link #plain},
     * plus YAML 1.1's boolean words, and a timestamp stays a string (v2 keeps it one there).
     */
    public static JsonNode plainYaml11(String text) {
        JsonNode bool = YAML11_BOOLEANS.get(text);
        if (bool != null) {
            return bool;
        }
        JsonNode value = plain(text);
        return value instanceof YamlTimestamp ? TextNode.valueOf(text) : value;
    }

    /**
     * The value of a scalar with an explicit tag ({@code !!int "3"}). Unknown and local tags give the
     * text, as go-yaml does when decoding into a generic value.
     *
     * @throws IllegalArgumentException when the text is not of the tag's type
     */
    public static JsonNode tagged(String tag, String text) {
        String shortTag = tag.startsWith(TAG_PREFIX) ? tag.substring(TAG_PREFIX.length()) : null;
        if (shortTag == null) {
            return TextNode.valueOf(text);
        }
        return switch (shortTag) {
            case "str" -> TextNode.valueOf(text);
            case "timestamp" -> timestampOrText(text);
            case "binary" -> TextNode.valueOf(new String(Base64.getMimeDecoder().decode(text), java.nio.charset.StandardCharsets.UTF_8));
            case "int" -> require(plain(text), JsonNode::isIntegralNumber, tag, text);
            case "float" -> {
                JsonNode value = require(plain(text), JsonNode::isNumber, tag, text);
                yield value.isIntegralNumber() ? DoubleNode.valueOf(value.doubleValue()) : value;
            }
            case "bool" -> require(plain(text), JsonNode::isBoolean, tag, text);
            case "null" -> require(plain(text), JsonNode::isNull, tag, text);
            default -> TextNode.valueOf(text);
        };
    }

    private static JsonNode timestampOrText(String text) {
        JsonNode timestamp = YamlTimestamp.parse(text);
        return timestamp != null ? timestamp : TextNode.valueOf(text);
    }

    private static JsonNode require(JsonNode value, java.util.function.Predicate<JsonNode> ok, String tag, String text) {
        if (!ok.test(value)) {
            throw new IllegalArgumentException("cannot decode `" + text + "` as " + tag.replace(TAG_PREFIX, "!!"));
        }
        return value;
    }

    /** Integers as Go's strconv.ParseInt/ParseUint with base 0 read them, then YAML-style floats. */
    private static Optional<JsonNode> number(String text) {
        String digits = text.replace("_", "");
        BigInteger integer = parseGoInteger(digits);
        if (integer != null) {
            if (integer.bitLength() < 32) {
                return Optional.of(IntNode.valueOf(integer.intValue()));
            }
            if (integer.bitLength() < 64) {
                return Optional.of(LongNode.valueOf(integer.longValue()));
            }
            // Beyond int64 only ParseUint can succeed, and it takes no sign.
            if (Character.isDigit(digits.charAt(0)) && integer.compareTo(UINT64_MAX) <= 0) {
                return Optional.of(BigIntegerNode.valueOf(integer));
            }
        }
        if (YAML_FLOAT.matcher(digits).matches()) {
            JsonNode value = finiteOrText(digits, text);
            return value.isNumber() ? Optional.of(value) : Optional.empty();
        }
        return Optional.empty();
    }

    private static JsonNode finiteOrText(String number, String text) {
        double value = Double.parseDouble(number);
        // Go's ParseFloat reports overflow as an error, so go-yaml keeps such text as a string.
        return Double.isInfinite(value) ? TextNode.valueOf(text) : DoubleNode.valueOf(value);
    }

    /** Go's base-0 integer syntax: optional sign, then 0x/0o/0b prefix, a leading 0 for octal, or decimal. */
    private static BigInteger parseGoInteger(String text) {
        int i = 0;
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        String body = text.substring(i);
        int radix = 10;
        if (body.length() > 1 && body.charAt(0) == '0') {
            char p = Character.toLowerCase(body.charAt(1));
            if (p == 'x') {
                radix = 16;
                body = body.substring(2);
            } else if (p == 'o') {
                radix = 8;
                body = body.substring(2);
            } else if (p == 'b') {
                radix = 2;
                body = body.substring(2);
            } else {
                radix = 8;
                body = body.substring(1);
            }
        }
        if (body.isEmpty()) {
            return null;
        }
        for (int k = 0; k < body.length(); k++) {
            if (Character.digit(body.charAt(k), radix) < 0 || body.charAt(k) > 'z') {
                return null;
            }
        }
        BigInteger value = new BigInteger(body, radix);
        if (negative) {
            value = value.negate();
            return value.bitLength() < 64 ? value : null;
        }
        return value;
    }
}
