package io.mooring.policy.jmespath;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mooring.policy.jmespath.Lexer.Token;
import io.mooring.policy.jmespath.Lexer.Type;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A Pratt parser for JMESPath, producing the same tree shapes as go-jmespath (projections take everything to their left). */
final class Parser {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Below this, a token ends the right-hand side of a projection. */
    private static final int PROJECTION_STOP = 10;
    private static final int UNARY = 45;
    private static final Map<Type, Integer> BINDING_POWER = new EnumMap<>(Type.class);

    static {
        BINDING_POWER.put(Type.PIPE, 1);
        BINDING_POWER.put(Type.OR, 2);
        BINDING_POWER.put(Type.AND, 3);
        for (Type t : List.of(Type.EQ, Type.NE, Type.LT, Type.LTE, Type.GT, Type.GTE)) {
            BINDING_POWER.put(t, 5);
        }
        BINDING_POWER.put(Type.PLUS, 6);
        BINDING_POWER.put(Type.MINUS, 6);
        BINDING_POWER.put(Type.DIVIDE, 7);
        BINDING_POWER.put(Type.MODULO, 7);
        BINDING_POWER.put(Type.INTEGER_DIVIDE, 7);
        BINDING_POWER.put(Type.FLATTEN, 9);
        BINDING_POWER.put(Type.STAR, 20);
        BINDING_POWER.put(Type.FILTER, 21);
        BINDING_POWER.put(Type.DOT, 40);
        BINDING_POWER.put(Type.NOT, 45);
        BINDING_POWER.put(Type.LBRACE, 50);
        BINDING_POWER.put(Type.LBRACKET, 55);
        BINDING_POWER.put(Type.LPAREN, 60);
    }

    private final String expression;
    private final List<Token> tokens;
    private int index;

    private Parser(String expression) {
        this.expression = expression;
        this.tokens = Lexer.tokenize(expression);
    }

    static Node parse(String expression) {
        Parser parser = new Parser(expression);
        Node node = parser.expression(0);
        if (parser.peek().type() != Type.EOF) {
            throw parser.error(parser.peek(), "unexpected token '" + parser.peek().text() + "'");
        }
        return node;
    }

    private Node expression(int bindingPower) {
        Node left = nud(advance());
        while (bindingPower < power(peek().type())) {
            left = led(advance(), left);
        }
        return left;
    }

    private Node nud(Token token) {
        return switch (token.type()) {
            case JSON_LITERAL -> new Node.Literal(json(token));
            case RAW_STRING -> new Node.Literal(TextNode.valueOf(token.text()));
            case UNQUOTED_IDENTIFIER -> new Node.Field(token.text());
            case QUOTED_IDENTIFIER -> {
                if (peek().type() == Type.LPAREN) {
                    throw error(peek(), "a quoted identifier cannot name a function");
                }
                yield new Node.Field(token.text());
            }
            case STAR -> new Node.ValueProjection(new Node.Current(),
                    peek().type() == Type.EOF ? new Node.Current() : projectionRight(power(Type.STAR)));
            case FILTER -> filter(new Node.Current());
            case LBRACE -> multiSelectHash();
            case FLATTEN -> new Node.Projection(new Node.Flatten(new Node.Current()), projectionRight(power(Type.FLATTEN)));
            case LBRACKET -> {
                Type next = peek().type();
                if (next == Type.NUMBER || next == Type.COLON) {
                    yield projectIfSlice(new Node.Current(), indexExpression());
                }
                if (next == Type.STAR && peek(1).type() == Type.RBRACKET) {
                    advance();
                    advance();
                    yield new Node.Projection(new Node.Current(), projectionRight(power(Type.STAR)));
                }
                yield multiSelectList();
            }
            case CURRENT -> new Node.Current();
            case ROOT -> new Node.Root();
            case EXPREF -> new Node.ExpressionReference(expression(0));
            case NOT -> new Node.Not(expression(power(Type.NOT)));
            case MINUS, PLUS -> new Node.Negation(token.text(), expression(UNARY));
            case LPAREN -> {
                Node inner = expression(0);
                expect(Type.RPAREN);
                yield inner;
            }
            case EOF -> throw error(token, "incomplete expression");
            default -> throw error(token, "unexpected token '" + token.text() + "'");
        };
    }

    private Node led(Token token, Node left) {
        return switch (token.type()) {
            case DOT -> {
                if (peek().type() == Type.STAR) {
                    advance();
                    yield new Node.ValueProjection(left, projectionRight(power(Type.DOT)));
                }
                yield new Node.Subexpression(left, dotRight(power(Type.DOT)));
            }
            case PIPE -> new Node.Pipe(left, expression(power(Type.PIPE)));
            case OR -> new Node.Or(left, expression(power(Type.OR)));
            case AND -> new Node.And(left, expression(power(Type.AND)));
            case LPAREN -> functionCall(token, left);
            case FILTER -> filter(left);
            case FLATTEN -> new Node.Projection(new Node.Flatten(left), projectionRight(power(Type.FLATTEN)));
            case EQ, NE, LT, LTE, GT, GTE -> new Node.Comparison(token.text(), left, expression(power(token.type())));
            case PLUS, MINUS, DIVIDE, MODULO, INTEGER_DIVIDE -> new Node.Arithmetic(
                    token.type() == Type.MINUS ? "-" : token.type() == Type.DIVIDE ? "/" : token.text(), left, expression(power(token.type())));
            case STAR -> new Node.Arithmetic("*", left, expression(power(Type.DIVIDE)));
            case LBRACKET -> {
                Type next = peek().type();
                if (next == Type.NUMBER || next == Type.COLON) {
                    yield projectIfSlice(left, indexExpression());
                }
                expect(Type.STAR);
                expect(Type.RBRACKET);
                yield new Node.Projection(left, projectionRight(power(Type.STAR)));
            }
            default -> throw error(token, "unexpected token '" + token.text() + "'");
        };
    }

    private Node functionCall(Token paren, Node left) {
        if (!(left instanceof Node.Field field)) {
            throw error(paren, "only a name can be called as a function");
        }
        List<Node> arguments = new ArrayList<>();
        while (peek().type() != Type.RPAREN) {
            arguments.add(expression(0));
            if (peek().type() == Type.COMMA) {
                advance();
            } else if (peek().type() != Type.RPAREN) {
                throw error(peek(), "expected ',' or ')' in the arguments of " + field.name() + "()");
            }
        }
        advance();
        return new Node.FunctionCall(field.name(), List.copyOf(arguments));
    }

    private Node filter(Node left) {
        Node condition = expression(0);
        expect(Type.RBRACKET);
        Node right = peek().type() == Type.FLATTEN ? new Node.Current() : projectionRight(power(Type.FILTER));
        return new Node.FilterProjection(left, right, condition);
    }

    private Node dotRight(int bindingPower) {
        Type next = peek().type();
        if (next == Type.UNQUOTED_IDENTIFIER || next == Type.QUOTED_IDENTIFIER || next == Type.STAR) {
            return expression(bindingPower);
        }
        if (next == Type.LBRACKET) {
            advance();
            return multiSelectList();
        }
        if (next == Type.LBRACE) {
            advance();
            return multiSelectHash();
        }
        throw error(peek(), "expected a name, '[' or '{' after '.'");
    }

    private Node projectionRight(int bindingPower) {
        Type next = peek().type();
        if (power(next) < PROJECTION_STOP) {
            return new Node.Current();
        }
        if (next == Type.LBRACKET || next == Type.FILTER) {
            return expression(bindingPower);
        }
        if (next == Type.DOT) {
            advance();
            return dotRight(bindingPower);
        }
        throw error(peek(), "unexpected token '" + peek().text() + "' after a projection");
    }

    private Node indexExpression() {
        if (peek().type() == Type.COLON || peek(1).type() == Type.COLON) {
            return slice();
        }
        int value = number(advance());
        expect(Type.RBRACKET);
        return new Node.Index(value);
    }

    private Node slice() {
        Integer[] parts = new Integer[3];
        int part = 0;
        while (peek().type() != Type.RBRACKET && part < 3) {
            Token token = advance();
            if (token.type() == Type.COLON) {
                part++;
            } else if (token.type() == Type.NUMBER) {
                parts[part] = number(token);
            } else {
                throw error(token, "expected a number or ':' in a slice");
            }
        }
        expect(Type.RBRACKET);
        return new Node.Slice(parts[0], parts[1], parts[2]);
    }

    private Node projectIfSlice(Node left, Node right) {
        Node indexed = new Node.IndexExpression(left, right);
        return right instanceof Node.Slice ? new Node.Projection(indexed, projectionRight(power(Type.STAR))) : indexed;
    }

    private Node multiSelectList() {
        List<Node> items = new ArrayList<>();
        while (true) {
            items.add(expression(0));
            Token token = advance();
            if (token.type() == Type.RBRACKET) {
                return new Node.MultiSelectList(List.copyOf(items));
            }
            if (token.type() != Type.COMMA) {
                throw error(token, "expected ',' or ']'");
            }
        }
    }

    private Node multiSelectHash() {
        List<Node.KeyValue> entries = new ArrayList<>();
        while (true) {
            Token key = advance();
            if (key.type() != Type.UNQUOTED_IDENTIFIER && key.type() != Type.QUOTED_IDENTIFIER) {
                throw error(key, "expected a key name in '{...}'");
            }
            expect(Type.COLON);
            entries.add(new Node.KeyValue(key.text(), expression(0)));
            Token token = advance();
            if (token.type() == Type.RBRACE) {
                return new Node.MultiSelectHash(List.copyOf(entries));
            }
            if (token.type() != Type.COMMA) {
                throw error(token, "expected ',' or '}'");
            }
        }
    }

    private com.fasterxml.jackson.databind.JsonNode json(Token token) {
        try {
            return JSON.readTree(token.text());
        } catch (JsonProcessingException e) {
            throw error(token, "invalid JSON literal `" + token.text() + "`");
        }
    }

    private int number(Token token) {
        if (token.type() != Type.NUMBER) {
            throw error(token, "expected a number");
        }
        try {
            return Integer.parseInt(token.text());
        } catch (NumberFormatException e) {
            throw error(token, "number out of range");
        }
    }

    private void expect(Type type) {
        Token token = advance();
        if (token.type() != type) {
            throw error(token, "expected " + type.name().toLowerCase().replace('_', ' ') + ", found '" + token.text() + "'");
        }
    }

    private Token advance() {
        Token token = tokens.get(index);
        if (index < tokens.size() - 1) {
            index++;
        }
        return token;
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    private static int power(Type type) {
        return BINDING_POWER.getOrDefault(type, 0);
    }

    private JmesPathException error(Token token, String problem) {
        return JmesPathException.syntax(expression, token.position(), problem);
    }
}
