package io.mooring.policy.jmespath;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/** Splits a JMESPath expression into tokens (the JMESPath grammar plus jmespath-community's arithmetic and {@code $}). */
final class Lexer {
    enum Type {
        EOF, UNQUOTED_IDENTIFIER, QUOTED_IDENTIFIER, NUMBER, RAW_STRING, JSON_LITERAL,
        DOT, STAR, FLATTEN, FILTER, LBRACKET, RBRACKET, LBRACE, RBRACE, LPAREN, RPAREN, COMMA, COLON,
        PIPE, OR, AND, EXPREF, NOT, EQ, NE, LT, LTE, GT, GTE, CURRENT, ROOT,
        PLUS, MINUS, DIVIDE, MODULO, INTEGER_DIVIDE
    }

    record Token(Type type, String text, int position) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String expression;
    private int pos;

    private Lexer(String expression) {
        this.expression = expression;
    }

    static List<Token> tokenize(String expression) {
        return new Lexer(expression).tokens();
    }

    private List<Token> tokens() {
        List<Token> tokens = new ArrayList<>();
        while (pos < expression.length()) {
            char c = expression.charAt(pos);
            int start = pos;
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (isIdentifierStart(c)) {
                while (pos < expression.length() && isIdentifierPart(expression.charAt(pos))) {
                    pos++;
                }
                tokens.add(new Token(Type.UNQUOTED_IDENTIFIER, expression.substring(start, pos), start));
            } else if (isDigit(c) || c == '-' && pos + 1 < expression.length() && isDigit(expression.charAt(pos + 1))) {
                pos++;
                while (pos < expression.length() && isDigit(expression.charAt(pos))) {
                    pos++;
                }
                tokens.add(new Token(Type.NUMBER, expression.substring(start, pos), start));
            } else if (c == '"') {
                tokens.add(new Token(Type.QUOTED_IDENTIFIER, quotedIdentifier(), start));
            } else if (c == '\'') {
                tokens.add(new Token(Type.RAW_STRING, rawString(), start));
            } else if (c == '`') {
                tokens.add(new Token(Type.JSON_LITERAL, jsonLiteral(), start));
            } else {
                tokens.add(symbol(c, start));
            }
        }
        tokens.add(new Token(Type.EOF, "", expression.length()));
        return tokens;
    }

    private Token symbol(char c, int start) {
        pos++;
        Type type = switch (c) {
            case '.' -> Type.DOT;
            case '*', '\u00d7' -> Type.STAR;
            case ']' -> Type.RBRACKET;
            case '{' -> Type.LBRACE;
            case '}' -> Type.RBRACE;
            case '(' -> Type.LPAREN;
            case ')' -> Type.RPAREN;
            case ',' -> Type.COMMA;
            case ':' -> Type.COLON;
            case '@' -> Type.CURRENT;
            case '$' -> Type.ROOT;
            case '+' -> Type.PLUS;
            case '-', '\u2212' -> Type.MINUS;
            case '%' -> Type.MODULO;
            case '\u00f7' -> Type.DIVIDE;
            case '/' -> next('/') ? Type.INTEGER_DIVIDE : Type.DIVIDE;
            case '[' -> next(']') ? Type.FLATTEN : next('?') ? Type.FILTER : Type.LBRACKET;
            case '|' -> next('|') ? Type.OR : Type.PIPE;
            case '&' -> next('&') ? Type.AND : Type.EXPREF;
            case '!' -> next('=') ? Type.NE : Type.NOT;
            case '<' -> next('=') ? Type.LTE : Type.LT;
            case '>' -> next('=') ? Type.GTE : Type.GT;
            case '=' -> {
                if (!next('=')) {
                    throw JmesPathException.syntax(expression, start, "'=' is not an operator, use '=='");
                }
                yield Type.EQ;
            }
            default -> throw JmesPathException.syntax(expression, start, "unexpected character '" + c + "'");
        };
        return new Token(type, expression.substring(start, pos), start);
    }

    private boolean next(char expected) {
        if (pos < expression.length() && expression.charAt(pos) == expected) {
            pos++;
            return true;
        }
        return false;
    }

    private String quotedIdentifier() {
        int start = pos;
        int end = closing('"');
        try {
            return JSON.readValue(expression.substring(start, end + 1), String.class);
        } catch (JsonProcessingException e) {
            throw JmesPathException.syntax(expression, start, "invalid quoted identifier " + expression.substring(start, end + 1));
        }
    }

    /** A raw string: only {@code \'} is an escape, every other backslash is kept. */
    private String rawString() {
        int start = pos;
        int end = closing('\'');
        return expression.substring(start + 1, end).replace("\\'", "'");
    }

    /** A JSON literal's text with {@code \`} unescaped; the parser reads it as JSON. */
    private String jsonLiteral() {
        int start = pos;
        int end = closing('`');
        return expression.substring(start + 1, end).replace("\\`", "`");
    }

    /** Index of the unescaped closing delimiter of the literal starting at {@code pos}; moves past it. */
    private int closing(char delimiter) {
        int start = pos;
        int i = pos + 1;
        while (i < expression.length()) {
            char c = expression.charAt(i);
            if (c == '\\' && i + 1 < expression.length()) {
                i += 2;
                continue;
            }
            if (c == delimiter) {
                pos = i + 1;
                return i;
            }
            i++;
        }
        throw JmesPathException.syntax(expression, start, "unclosed " + delimiter);
    }

    private static boolean isIdentifierStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
