package io.mooring.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.policy.jmespath.JmesPath;
import io.mooring.policy.jmespath.JmesPathException;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles, when a policy is read, the JMESPath a rule holds: every {@code {{ }}} variable, every
 * foreach list and context jmesPath. A syntax error or an unknown function is reported then, with
 * the policy and rule, instead of as an error result on every resource. A variable whose text is
 * only known after inner variables are substituted is compiled with those replaced by a string.
 */
final class TemplateCheck {
    private static final Pattern INNERMOST = Pattern.compile("\\{\\{((?:\\{[^{}]*\\}|[^{}])*)\\}\\}");

    private TemplateCheck() {
    }

    static void check(JsonNode rule, PolicyError where) {
        walk(rule, where, "");
    }

    private static void walk(JsonNode node, PolicyError where, String field) {
        if (node.isTextual()) {
            text(node.textValue(), where);
            if (field.equals("list") || field.equals("jmesPath")) {
                expression(node.textValue(), node.textValue(), where, true);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                text(entry.getKey(), where);
                walk(entry.getValue(), where, entry.getKey());
            }
        } else if (node.isArray()) {
            node.forEach(item -> walk(item, where, ""));
        }
    }

    /** Compiles each variable of a string, innermost first, the inner ones standing in as strings for the outer. */
    private static void text(String value, PolicyError where) {
        String current = value;
        for (int round = 0; round < 100 && current.contains("{{"); round++) {
            String before = current;
            Matcher m = INNERMOST.matcher(current);
            StringBuilder replaced = new StringBuilder();
            boolean found = false;
            while (m.find()) {
                found = true;
                if (m.start() > 0 && current.charAt(m.start() - 1) == '\\') {
                    // An escaped variable is text, not JMESPath.
                    m.appendReplacement(replaced, Matcher.quoteReplacement(m.group()));
                    continue;
                }
                boolean outerOfNested = m.group(1).contains("\u0000");
                expression(m.group(1).replace("\u0000", "x").strip(), value, where, !outerOfNested);
                m.appendReplacement(replaced, "\u0000");
            }
            if (!found) {
                return;
            }
            m.appendTail(replaced);
            current = replaced.toString();
            if (current.equals(before)) {
                return;
            }
        }
    }

    private static void expression(String expression, String written, PolicyError where, boolean strict) {
        if (expression.contains("{{") || expression.equals("@") || expression.isEmpty()) {
            return;
        }
        JmesPath compiled;
        try {
            compiled = JmesPath.compile(expression);
        } catch (JmesPathException e) {
            if (strict) {
                throw where.problem("the JMESPath in '" + written + "' does not compile: " + e.getMessage(), "fix the expression");
            }
            return;
        }
        List<String> unknown = compiled.unknownFunctions();
        if (!unknown.isEmpty()) {
            throw where.problem("'" + written + "' calls " + String.join("(), ", unknown) + "(), which Mooring does not know",
                    "see docs/policy.md for the functions Mooring supports");
        }
    }
}
