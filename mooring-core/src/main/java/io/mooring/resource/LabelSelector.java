package io.mooring.resource;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Kubernetes label selector in its text form ({@code app=web,tier in (a,b),!legacy,size>3}):
 * kubectl's {@code -l}, the API's {@code labelSelector} parameter, kustomize's patch and
 * replacement targets (by labels or annotations). Parsed with the grammar of Kubernetes' own
 * parser: keys and values are validated, and a malformed selector fails with the same complaint.
 */
public record LabelSelector(List<Requirement> requirements) {
    public static final LabelSelector EVERYTHING = new LabelSelector(List.of());

    public enum Operator { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, NOT_EXISTS, GREATER_THAN, LESS_THAN }

    public record Requirement(String key, Operator operator, Set<String> values) {
        public boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case EXISTS -> labels.containsKey(key);
                case NOT_EXISTS -> !labels.containsKey(key);
                case EQUALS, IN -> value != null && values.contains(value);
                case NOT_EQUALS, NOT_IN -> value == null || !values.contains(value);
                case GREATER_THAN, LESS_THAN -> value != null && compares(value);
            };
        }

        private boolean compares(String value) {
            try {
                long actual = Long.parseLong(value);
                long bound = Long.parseLong(values.iterator().next());
                return operator == Operator.GREATER_THAN ? actual > bound : actual < bound;
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }

    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    /**
     * The selector {@code text} stands for; none or blank selects everything.
     *
     * @throws IllegalArgumentException with Kubernetes' message when the text is not a selector
     */
    public static LabelSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        return new Parser(Lexer.tokens(text)).parse();
    }

    public boolean matches(Map<String, String> labels) {
        return requirements.stream().allMatch(r -> r.matches(labels));
    }

    private enum Kind { IDENTIFIER, IN, NOT_IN, EQUALS, DOUBLE_EQUALS, NOT_EQUALS, NOT, OPEN, CLOSE, COMMA, GREATER, LESS, END }

    private record Token(Kind kind, String text) {
    }

    /** Splits selector text into identifiers and the special symbols = == != ! ( ) , > <. */
    private static final class Lexer {
        private static final String SPECIAL = "=!(),><";

        static List<Token> tokens(String text) {
            List<Token> tokens = new ArrayList<>();
            int i = 0;
            while (true) {
                while (i < text.length() && " \t\r\n".indexOf(text.charAt(i)) >= 0) {
                    i++;
                }
                if (i >= text.length()) {
                    tokens.add(new Token(Kind.END, ""));
                    return tokens;
                }
                char c = text.charAt(i);
                if (SPECIAL.indexOf(c) >= 0) {
                    boolean twoChars = i + 1 < text.length() && text.charAt(i + 1) == '=' && (c == '=' || c == '!');
                    String symbol = text.substring(i, i + (twoChars ? 2 : 1));
                    tokens.add(new Token(symbolKind(symbol), symbol));
                    i += symbol.length();
                    continue;
                }
                int start = i;
                while (i < text.length() && " \t\r\n".indexOf(text.charAt(i)) < 0 && SPECIAL.indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                String word = text.substring(start, i);
                tokens.add(new Token(word.equals("in") ? Kind.IN : word.equals("notin") ? Kind.NOT_IN : Kind.IDENTIFIER, word));
            }
        }

        private static Kind symbolKind(String symbol) {
            return switch (symbol) {
                case "=" -> Kind.EQUALS;
                case "==" -> Kind.DOUBLE_EQUALS;
                case "!=" -> Kind.NOT_EQUALS;
                case "!" -> Kind.NOT;
                case "(" -> Kind.OPEN;
                case ")" -> Kind.CLOSE;
                case "," -> Kind.COMMA;
                case ">" -> Kind.GREATER;
                default -> Kind.LESS;
            };
        }
    }

    private static final class Parser {
        private final List<Token> tokens;
        private int position;

        Parser(List<Token> tokens) {
            this.tokens = tokens;
        }

        LabelSelector parse() {
            List<Requirement> requirements = new ArrayList<>();
            while (true) {
                Token next = peek(true);
                if (next.kind() == Kind.END) {
                    return new LabelSelector(requirements);
                }
                if (next.kind() != Kind.IDENTIFIER && next.kind() != Kind.NOT) {
                    throw fail("found '" + next.text() + "', expected: !, identifier, or 'end of string'");
                }
                try {
                    requirements.add(requirement());
                } catch (IllegalArgumentException e) {
                    throw fail("unable to parse requirement: " + e.getMessage());
                }
                Token after = take(true);
                if (after.kind() == Kind.END) {
                    return new LabelSelector(requirements);
                }
                if (after.kind() != Kind.COMMA) {
                    throw fail("found '" + after.text() + "', expected: ',' or 'end of string'");
                }
                Token following = peek(true);
                if (following.kind() != Kind.IDENTIFIER && following.kind() != Kind.NOT) {
                    throw fail("found '" + following.text() + "', expected: identifier after ','");
                }
            }
        }

        private Requirement requirement() {
            Token token = take(true);
            boolean negated = token.kind() == Kind.NOT;
            if (negated) {
                token = take(true);
            }
            if (token.kind() != Kind.IDENTIFIER) {
                throw fail("found '" + token.text() + "', expected: identifier");
            }
            String key = validKey(token.text());
            Kind next = peek(true).kind();
            if (negated || next == Kind.END || next == Kind.COMMA) {
                return new Requirement(key, negated ? Operator.NOT_EXISTS : Operator.EXISTS, Set.of());
            }
            Token operatorToken = take(false);
            Operator operator = switch (operatorToken.kind()) {
                case IN -> Operator.IN;
                case NOT_IN -> Operator.NOT_IN;
                case EQUALS, DOUBLE_EQUALS -> Operator.EQUALS;
                case NOT_EQUALS -> Operator.NOT_EQUALS;
                case GREATER -> Operator.GREATER_THAN;
                case LESS -> Operator.LESS_THAN;
                default -> throw fail("found '" + operatorToken.text()
                        + "', expected: '=', '!=', '==', 'in', notin'");
            };
            Set<String> values = operator == Operator.IN || operator == Operator.NOT_IN ? valueList() : exactValue();
            for (String value : values) {
                if (operator == Operator.GREATER_THAN || operator == Operator.LESS_THAN) {
                    requireInteger(value);
                } else if (value.length() > 63 || (!value.isEmpty() && !NAME.matcher(value).matches())) {
                    throw fail("values[0][" + key + "]: Invalid value: \"" + value + "\": a valid label must be an empty string or"
                            + " consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
                }
            }
            return new Requirement(key, operator, values);
        }

        private Set<String> valueList() {
            Token open = take(true);
            if (open.kind() != Kind.OPEN) {
                throw fail("found '" + open.text() + "' expected: '('");
            }
            Set<String> values = new LinkedHashSet<>();
            Token first = peek(true);
            if (first.kind() == Kind.CLOSE) {
                take(true);
                values.add("");
                return values;
            }
            if (first.kind() != Kind.IDENTIFIER && first.kind() != Kind.COMMA) {
                throw fail("found '" + first.text() + "', expected: ',', ')' or identifier");
            }
            while (true) {
                Token token = take(true);
                if (token.kind() == Kind.IDENTIFIER) {
                    values.add(token.text());
                    Token next = peek(true);
                    if (next.kind() == Kind.CLOSE) {
                        take(true);
                        return values;
                    }
                    if (next.kind() != Kind.COMMA) {
                        throw fail("found '" + next.text() + "', expected: ',' or ')'");
                    }
                } else if (token.kind() == Kind.COMMA) {
                    // "(,a)", "(a,)" and "(a,,b)" each hold the empty value.
                    if (values.isEmpty()) {
                        values.add("");
                    }
                    Token next = peek(true);
                    if (next.kind() == Kind.CLOSE) {
                        take(true);
                        values.add("");
                        return values;
                    }
                    if (next.kind() == Kind.COMMA) {
                        take(true);
                        values.add("");
                    }
                } else {
                    throw fail("found '" + token.text() + "', expected: ',', or identifier");
                }
            }
        }

        private Set<String> exactValue() {
            Kind next = peek(true).kind();
            if (next == Kind.END || next == Kind.COMMA) {
                return Set.of("");
            }
            Token token = take(true);
            if (token.kind() != Kind.IDENTIFIER) {
                throw fail("found '" + token.text() + "', expected: identifier");
            }
            return Set.of(token.text());
        }

        /** In value positions "in" and "notin" are ordinary words. */
        private Token peek(boolean values) {
            return asValue(tokens.get(position), values);
        }

        private Token take(boolean values) {
            return asValue(tokens.get(position++), values);
        }

        private static Token asValue(Token token, boolean values) {
            boolean keyword = token.kind() == Kind.IN || token.kind() == Kind.NOT_IN;
            return values && keyword ? new Token(Kind.IDENTIFIER, token.text()) : token;
        }

        private String validKey(String key) {
            String[] parts = key.split("/", -1);
            String name = parts[parts.length - 1];
            boolean valid = parts.length <= 2 && !name.isEmpty() && name.length() <= 63 && NAME.matcher(name).matches();
            if (parts.length == 2) {
                valid &= !parts[0].isEmpty() && parts[0].length() <= 253 && DNS_SUBDOMAIN.matcher(parts[0]).matches();
            }
            if (!valid) {
                throw fail("key: Invalid value: \"" + key + "\": name part must consist of alphanumeric characters, '-', '_' or '.',"
                        + " and must start and end with an alphanumeric character");
            }
            return key;
        }

        private void requireInteger(String value) {
            try {
                Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw fail("values[0]: Invalid value: \"" + value + "\": for 'Gt', 'Lt' operators, the value must be an integer");
            }
        }

        private static IllegalArgumentException fail(String problem) {
            return new IllegalArgumentException(problem);
        }
    }
}
