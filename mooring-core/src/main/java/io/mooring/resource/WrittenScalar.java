package io.mooring.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;

import java.math.BigInteger;

/**
 * A scalar read from YAML that remembers how it was written where its value alone would print
 * differently: {@code 0x1F}, {@code 1.50}, {@code True}, {@code ~}, an unquoted {@code 2024-01-01}.
 * It is its value in every respect (equal to it, printed as it by the writers); the written text
 * matters only where Go tools read a scalar's text instead of its value, as kustomize does when it
 * rewrites annotations as strings ({@code 1.50} stays "1.50", {@code ~} becomes "~") or copies a
 * value into a string field. The reader makes these; code that builds values makes plain nodes.
 */
public sealed interface WrittenScalar
        permits YamlNull, YamlTimestamp, WrittenScalar.Int, WrittenScalar.Long, WrittenScalar.Big,
        WrittenScalar.Double, WrittenScalar.Bool {
    /** The scalar as written. */
    String writtenText();

    /**
     * {@code value} (a number or boolean node) remembering {@code text} when it prints otherwise;
     * any other node as it is.
     */
    static JsonNode of(JsonNode value, String text) {
        if (value.asText().equals(text)) {
            return value;
        }
        return switch (value) {
            case BooleanNode b -> new Bool(b.booleanValue(), text);
            case IntNode n -> new Int(n.intValue(), text);
            case LongNode n -> new Long(n.longValue(), text);
            case BigIntegerNode n -> new Big(n.bigIntegerValue(), text);
            case DoubleNode n -> new Double(n.doubleValue(), text);
            default -> value;
        };
    }

    final class Bool extends BooleanNode implements WrittenScalar {
        private static final long serialVersionUID = 1L;
        private final String text;

        private Bool(boolean value, String text) {
            super(value);
            this.text = text;
        }

        @Override
        public String writtenText() {
            return text;
        }
    }

    final class Int extends IntNode implements WrittenScalar {
        private static final long serialVersionUID = 1L;
        private final String text;

        private Int(int value, String text) {
            super(value);
            this.text = text;
        }

        @Override
        public String writtenText() {
            return text;
        }
    }

    final class Long extends LongNode implements WrittenScalar {
        private static final long serialVersionUID = 1L;
        private final String text;

        private Long(long value, String text) {
            super(value);
            this.text = text;
        }

        @Override
        public String writtenText() {
            return text;
        }
    }

    final class Big extends BigIntegerNode implements WrittenScalar {
        private static final long serialVersionUID = 1L;
        private final String text;

        private Big(BigInteger value, String text) {
            super(value);
            this.text = text;
        }

        @Override
        public String writtenText() {
            return text;
        }
    }

    final class Double extends DoubleNode implements WrittenScalar {
        private static final long serialVersionUID = 1L;
        private final String text;

        private Double(double value, String text) {
            super(value);
            this.text = text;
        }

        @Override
        public String writtenText() {
            return text;
        }
    }
}
