package io.mooring.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mooring.policy.jmespath.JmesPath;
import io.mooring.policy.jmespath.JmesPathException;
import io.mooring.policy.jmespath.JsonValues;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The variables one level of a rule sees: the request's document plus the rule's (or foreach
 * entry's) context variables and the foreach element. Context variables load when an expression
 * first names them, as in Kyverno, so that one that cannot load only fails the expressions that use it.
 */
final class Scope {
    final RequestContext request;
    /** The element a foreach pattern applies to, or null to apply patterns to the object. */
    final JsonNode element;
    private final ObjectNode data;
    private final Map<String, JsonNode> locals;
    private final Map<String, ContextEntry> pending = new LinkedHashMap<>();

    private Scope(RequestContext request, JsonNode element, Map<String, JsonNode> locals) {
        this.request = request;
        this.element = element;
        this.locals = new LinkedHashMap<>(locals);
        this.data = JsonValues.object();
        data.setAll(request.root);
        data.setAll(this.locals);
    }

    static Scope of(RequestContext request) {
        return new Scope(request, null, Map.of());
    }

    /** A child scope for one foreach element (variables {@code element}, {@code elementIndex} and their numbered forms). */
    Scope forElement(JsonNode value, int index, int nesting, boolean scoped) {
        Map<String, JsonNode> childLocals = new LinkedHashMap<>(locals);
        JsonNode indexNode = JsonValues.number(index);
        childLocals.put("element", value);
        childLocals.put("elementIndex", indexNode);
        childLocals.put("element" + nesting, value);
        childLocals.put("elementIndex" + nesting, indexNode);
        Scope child = new Scope(request, scoped ? value : element, childLocals);
        child.pending.putAll(pending);
        return child;
    }

    /** The same variables over another request (Kyverno re-checks an UPDATE's old object with them). */
    Scope rebasedOn(RequestContext other) {
        Scope copy = new Scope(other, element, locals);
        copy.pending.putAll(pending);
        return copy;
    }

    /** Context entries become variables, loaded on first use. */
    void define(List<ContextEntry> entries) {
        for (ContextEntry entry : entries) {
            pending.put(entry.name(), entry);
            locals.remove(entry.name());
            data.remove(entry.name());
        }
    }

    /** The value of a JMESPath over the variables, loading the context variables it names. */
    JsonNode query(String expression) {
        loadNamedIn(expression);
        return JmesPath.compile(expression).search(data, request.request.now());
    }

    /** Resolves a {@code {{ }}} variable for {@link Templates}, with Kyverno's {@code @} and DELETE rules. */
    JsonNode resolve(String variable, String path) {
        String expression = variable;
        if (expression.equals("@")) {
            expression = "request.object" + Templates.DataPaths.toJmesPath(path);
        }
        if (request.isDelete()) {
            expression = expression.replace("request.object", "request.oldObject");
        }
        try {
            return query(expression);
        } catch (JmesPathException e) {
            throw new Templates.SubstitutionException("failed to resolve " + expression + " at path " + path + ": " + e.getMessage());
        }
    }

    JsonNode substitute(JsonNode document) {
        return Templates.substitute(document, this::resolve);
    }

    /** A message with its variables resolved; throws when they do not resolve. */
    String substituteText(String text) {
        JsonNode value = Templates.substitute(text, this::resolve);
        if (!value.isTextual()) {
            throw new Templates.SubstitutionException("the message did not resolve to a string");
        }
        return value.textValue();
    }

    private void loadNamedIn(String expression) {
        if (pending.isEmpty()) {
            return;
        }
        List<ContextEntry> named = new ArrayList<>();
        for (ContextEntry entry : pending.values()) {
            if (Pattern.compile("\\b" + Pattern.quote(entry.name()) + "\\b").matcher(expression).find()) {
                named.add(entry);
            }
        }
        for (ContextEntry entry : named) {
            if (pending.remove(entry.name()) != null) {
                JsonNode value = load(entry);
                locals.put(entry.name(), value);
                data.set(entry.name(), value);
            }
        }
    }

    /** Kyverno's variable loader: value, jmesPath over it or over the request, default when nothing comes. */
    private JsonNode load(ContextEntry entry) {
        String path = entry.jmesPath().isEmpty() ? "" : textOf(substitute(TextNode.valueOf(entry.jmesPath())), entry);
        JsonNode defaultValue = entry.defaultValue() == null ? null : substitute(entry.defaultValue());
        JsonNode output = defaultValue;
        try {
            if (entry.value() != null) {
                JsonNode value = substitute(entry.value());
                output = path.isEmpty() ? value : JmesPath.compile(path).search(value, request.request.now());
            } else if (!path.isEmpty()) {
                JsonNode value = query(path);
                if (!JsonValues.isNull(value)) {
                    output = value;
                }
            }
        } catch (JmesPathException e) {
            if (defaultValue == null) {
                throw new Templates.SubstitutionException("failed to load context entry " + entry.name() + ": failed to apply jmespath "
                        + path + ": " + e.getMessage());
            }
        }
        if (JsonValues.isNull(output)) {
            throw new Templates.SubstitutionException("failed to add context entry for variable " + entry.name() + " since it evaluated to nil");
        }
        return output;
    }

    private static String textOf(JsonNode value, ContextEntry entry) {
        if (!value.isTextual()) {
            throw new Templates.SubstitutionException("the jmesPath of context entry " + entry.name() + " did not resolve to a string");
        }
        return value.textValue();
    }
}
