package io.mooring.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;

import java.math.BigInteger;

/**
 * A number read from YAML whose text is not how the number prints itself ({@code 1.50},
 * {@code 0x1F}, {@code 1e3}, {@code 1_000}). It is that number in every respect (equal to it,
 * printed as it by the writers); the spelling only matters where Go tools read a scalar's text as a
 * string, as kustomize does for annotations and labels, where {@code 1.50} stays "1.50".
 */
public sealed interface SpelledNumber permits SpelledNumber.Int, SpelledNumber.Long, SpelledNumber.Big,
        SpelledNumber.Double {
    /** The text as written. */
    String spelling();

    /** {@code number} (an int, long, big integer or double node) remembering {@code spelling} when it prints differently. */
    static JsonNode of(JsonNode number, String spelling) {
        if (spelling.equals(number.asText())) {
            return number;
        }
        return switch (number) {
            case IntNode n -> new Int(n.intValue(), spelling);
            case LongNode n -> new Long(n.longValue(), spelling);
            case BigIntegerNode n -> new Big(n.bigIntegerValue(), spelling);
            case DoubleNode n -> new Double(n.doubleValue(), spelling);
            default -> number;
        };
    }

    final class Int extends IntNode implements SpelledNumber {
        private static final long serialVersionUID = 1L;
        private final String spelling;

        Int(int value, String spelling) {
            super(value);
            this.spelling = spelling;
        }

        @Override
        public String spelling() {
            return spelling;
        }
    }

    final class Long extends LongNode implements SpelledNumber {
        private static final long serialVersionUID = 1L;
        private final String spelling;

        Long(long value, String spelling) {
            super(value);
            this.spelling = spelling;
        }

        @Override
        public String spelling() {
            return spelling;
        }
    }

    final class Big extends BigIntegerNode implements SpelledNumber {
        private static final long serialVersionUID = 1L;
        private final String spelling;

        Big(BigInteger value, String spelling) {
            super(value);
            this.spelling = spelling;
        }

        @Override
        public String spelling() {
            return spelling;
        }
    }

    final class Double extends DoubleNode implements SpelledNumber {
        private static final long serialVersionUID = 1L;
        private final String spelling;

        Double(double value, String spelling) {
            super(value);
            this.spelling = spelling;
        }

        @Override
        public String spelling() {
            return spelling;
        }
    }
}
