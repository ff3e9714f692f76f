package io.mooring.policy.jmespath;

/** A JMESPath expression that does not compile, or whose evaluation fails (a function given the wrong type). */
public class JmesPathException extends RuntimeException {
    public JmesPathException(String message) {
        super(message);
    }

    /** A syntax error at a position of the expression. */
    static JmesPathException syntax(String expression, int position, String problem) {
        return new JmesPathException("syntax error in JMESPath '" + expression + "' at position " + position + ": " + problem);
    }
}
