package io.mooring.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;

import java.math.BigInteger;

/**
 * Numbers and booleans that remember how they were written ({@code 0x1F}, {@code 1e3},
 * {@code 1.50}, {@code True}). They are the value they stand for; their text matters where Go
 * tools read a scalar's text rather than its value, as kustomize does when it rewrites annotations
 * as strings ({@code 1.50} stays "1.50") or copies a value into a string field.
 */
public final class WrittenScalars {
    /** A scalar whose written text differs from how its value prints. */
    public interface Written {
        String writtenText();
    }

    private WrittenScalars() {
    }

    /** The value, remembering {@code text} when the value alone would print differently. */
    static JsonNode remember(JsonNode value, String text) {
        if (!(value.isNumber() || value.isBoolean()) || value.asText().equals(text)) {
            return value;
        }
        if (value.isBoolean()) {
            return new WrittenBoolean(value.booleanValue(), text);
        }
        if (value.isInt()) {
            return new WrittenInt(value.intValue(), text);
        }
        if (value.isLong()) {
            return new WrittenLong(value.longValue(), text);
        }
        if (value.isBigInteger()) {
            return new WrittenBigInteger(value.bigIntegerValue(), text);
        }
        return new WrittenDouble(value.doubleValue(), text);
    }

    private static final class WrittenBoolean extends BooleanNode implements Written {
        private final String text;

        WrittenBoolean(boolean value, String text) {
            super(value);
            this.text = text;
        }

        @Override
        public String writtenText() {
            return text;
        }
    }

    private static final class WrittenInt extends IntNode implements Written {
        private final String text;

        WrittenInt(int value, String text) {
            super(value);
            this.text = text;
        }

        @Override
        public String writtenText() {
            return text;
        }
    }

    private static final class WrittenLong extends LongNode implements Written {
        private final String text;

        WrittenLong(long value, String text) {
            super(value);
            this.text = text;
        }

        @Override
        public String writtenText() {
            return text;
        }
    }

    private static final class WrittenBigInteger extends BigIntegerNode implements Written {
        private final String text;

        WrittenBigInteger(BigInteger value, String text) {
            super(value);
            this.text = text;
        }

        @Override
        public String writtenText() {
            return text;
        }
    }

    private static final class WrittenDouble extends DoubleNode implements Written {
        private final String text;

        WrittenDouble(double value, String text) {
            super(value);
            this.text = text;
        }

        @Override
        public String writtenText() {
            return text;
        }
    }
}
