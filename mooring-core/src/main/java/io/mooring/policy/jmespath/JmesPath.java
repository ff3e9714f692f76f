package io.mooring.policy.jmespath;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A compiled JMESPath expression with Kyverno's dialect: its functions, its treatment of missing
 * keys ({@link UnknownKeyException}) and jmespath-community's arithmetic and {@code $}.
 * Immutable and safe to share; compiled expressions are cached by their text because templates are
 * evaluated again for every resource.
 */
public final class JmesPath {
    private static final int CACHE_LIMIT = 10_000;
    private static final Map<String, JmesPath> CACHE = new ConcurrentHashMap<>();

    private final String text;
    private final Node root;

    private JmesPath(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /** @throws JmesPathException when {@code text} is not a JMESPath expression */
    public static JmesPath compile(String text) {
        JmesPath cached = CACHE.get(text);
        if (cached != null) {
            return cached;
        }
        JmesPath compiled = new JmesPath(text, Parser.parse(text));
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear();
        }
        CACHE.put(text, compiled);
        return compiled;
    }

    public String text() {
        return text;
    }

    /**
     * The value of the expression over {@code data}.
     *
     * @param now the clock reading time functions see
     * @throws UnknownKeyException when a key the expression insists on is missing
     * @throws JmesPathException   when a function fails
     */
    public JsonNode search(JsonNode data, Instant now) {
        return new Interpreter(data, Functions.KYVERNO, now).evaluate(root, data);
    }

    /** The functions the expression calls that Kyverno's dialect does not have (an error to report early). */
    public List<String> unknownFunctions() {
        List<String> unknown = new ArrayList<>();
        collectUnknown(root, unknown);
        return unknown;
    }

    private static void collectUnknown(Node node, List<String> unknown) {
        switch (node) {
            case Node.FunctionCall call -> {
                if (Functions.KYVERNO.get(call.name()) == null) {
                    unknown.add(call.name());
                }
                call.arguments().forEach(a -> collectUnknown(a, unknown));
            }
            case Node.Subexpression n -> children(unknown, n.left(), n.right());
            case Node.IndexExpression n -> children(unknown, n.left(), n.right());
            case Node.Projection n -> children(unknown, n.left(), n.right());
            case Node.FilterProjection n -> children(unknown, n.left(), n.right(), n.condition());
            case Node.ValueProjection n -> children(unknown, n.left(), n.right());
            case Node.Flatten n -> children(unknown, n.left());
            case Node.MultiSelectList n -> n.items().forEach(i -> collectUnknown(i, unknown));
            case Node.MultiSelectHash n -> n.entries().forEach(e -> collectUnknown(e.value(), unknown));
            case Node.Or n -> children(unknown, n.left(), n.right());
            case Node.And n -> children(unknown, n.left(), n.right());
            case Node.Not n -> children(unknown, n.operand());
            case Node.Comparison n -> children(unknown, n.left(), n.right());
            case Node.Arithmetic n -> children(unknown, n.left(), n.right());
            case Node.Negation n -> children(unknown, n.operand());
            case Node.Pipe n -> children(unknown, n.left(), n.right());
            case Node.ExpressionReference n -> children(unknown, n.expression());
            default -> {
            }
        }
    }

    private static void children(List<String> unknown, Node... nodes) {
        for (Node n : nodes) {
            collectUnknown(n, unknown);
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
