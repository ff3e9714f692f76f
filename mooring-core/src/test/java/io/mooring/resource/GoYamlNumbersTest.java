package io.mooring.resource;

import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Expected texts follow Go: encoding/json's float format ('f' for 1e-6 <= |x| < 1e21, else 'e'),
 * go-yaml v2 reading that text back (int64, then uint64, then float64), and
 * strconv.FormatFloat(x, 'g', -1, 64), which switches to exponent form below 1e-4 and from 1e6.
 */
class GoYamlNumbersTest {
    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource({
            "1.0, 1", "1.5, 1.5", "-2.25, -2.25", "0.1, 0.1", "100.0, 100", "-0.0, 0",
            "1e21, 1e+21", "1.5e300, 1.5e+300", "1e-7, 1e-07", "1e-6, 1e-06", "0.0001, 0.0001", "0.00001, 1e-05",
            "123456.7, 123456.7", "1234567.5, 1.2345675e+06", "1000000.5, 1.0000005e+06",
            "1e20, 1e+20", "9.223372036854775807E18, 9223372036854775808", "1.8446744073709552E19, 1.8446744073709552e+19",
            "-9.223372036854775808E18, -9223372036854775808", "0.30000000000000004, 0.30000000000000004",
            "-1.5e-10, -1.5e-10", "4.9E-324, 5e-324", "1.7976931348623157E308, 1.7976931348623157e+308"})
    void floatsPrintAsGoReprintsTheirJson(double value, String printed) {
        assertThat(GoYamlNumbers.format(DoubleNode.valueOf(value))).as("%s", value).isEqualTo(printed);
    }

    @Test
    void integralFloatsBelow1e21PrintAsIntegersWhileTheyFit64Bits() {
        // 2^63 is past int64 but go-yaml v2 reads it as a uint64; 2^64 fits neither and is a float.
        assertThat(GoYamlNumbers.format(Math.scalb(1.0, 63))).isEqualTo("9223372036854775808");
        assertThat(GoYamlNumbers.format(Math.scalb(1.0, 64))).isEqualTo("1.8446744073709552e+19");
        assertThat(GoYamlNumbers.format(-Math.scalb(1.0, 63))).isEqualTo("-9223372036854775808");
        assertThat(GoYamlNumbers.format(-Math.scalb(1.0, 64))).isEqualTo("-1.8446744073709552e+19");
    }

    @Test
    void integersPrintAsDigitsUpToUint64() {
        assertThat(GoYamlNumbers.format(IntNode.valueOf(-42))).isEqualTo("-42");
        assertThat(GoYamlNumbers.format(LongNode.valueOf(Long.MIN_VALUE))).isEqualTo("-9223372036854775808");
        BigInteger uint64Max = BigInteger.TWO.pow(64).subtract(BigInteger.ONE);
        assertThat(GoYamlNumbers.format(BigIntegerNode.valueOf(uint64Max))).isEqualTo("18446744073709551615");
        assertThat(GoYamlNumbers.format(BigIntegerNode.valueOf(uint64Max.add(BigInteger.ONE))))
                .as("wider than any Go integer: a float64, as go-yaml v3 would have read it")
                .isEqualTo("1.8446744073709552e+19");
        assertThat(GoYamlNumbers.format(BigIntegerNode.valueOf(BigInteger.TEN.pow(25).negate()))).isEqualTo("-1e+25");
    }

    @Test
    void otherNumberNodesPrintByTheirDoubleValue() {
        assertThat(GoYamlNumbers.format(FloatNode.valueOf(1.5f))).isEqualTo("1.5");
        assertThat(GoYamlNumbers.format(DecimalNode.valueOf(new BigDecimal("2.50")))).isEqualTo("2.5");
        assertThat(GoYamlNumbers.format(DecimalNode.valueOf(new BigDecimal("3.000")))).isEqualTo("3");
    }

    @Test
    void refusesNumbersJsonCannotHold() {
        for (double value : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertThatThrownBy(() -> GoYamlNumbers.format(value)).as("%s", value)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no JSON form");
        }
    }
}
