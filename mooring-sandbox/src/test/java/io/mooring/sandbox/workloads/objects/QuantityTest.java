package io.mooring.sandbox.workloads.objects;

import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuantityTest {
    @Test
    void parsesDecimalAndBinarySuffixesAndExponents() {
        assertThat(Quantity.parse("250m")).isEqualByComparingTo("0.25");
        assertThat(Quantity.parse("1.5")).isEqualByComparingTo("1.5");
        assertThat(Quantity.parse("512Mi")).isEqualByComparingTo(BigDecimal.valueOf(512L << 20));
        assertThat(Quantity.parse("2G")).isEqualByComparingTo("2000000000");
        assertThat(Quantity.parse("1e3")).isEqualByComparingTo("1000");
        assertThat(Quantity.parse("100n")).isEqualByComparingTo("0.0000001");
    }

    @Test
    void cpuRoundsUpToMillicoresAndMemoryToBytes() {
        assertThat(Quantity.millis(TextNode.valueOf("0.0001"))).as("the scheduler never rounds a request to zero").isEqualTo(1);
        assertThat(Quantity.millis(TextNode.valueOf("2"))).isEqualTo(2000);
        assertThat(Quantity.units(TextNode.valueOf("1Ki"))).isEqualTo(1024);
        assertThat(Quantity.units(null)).isZero();
    }

    @Test
    void formatsAsTheApiAndMetricsServerDo() {
        assertThat(Quantity.cpu(2000)).isEqualTo("2");
        assertThat(Quantity.cpu(250)).isEqualTo("250m");
        assertThat(Quantity.kibibytes(1L << 30)).isEqualTo("1048576Ki");
        assertThat(Quantity.nanocores(12_345)).isEqualTo("12345n");
    }

    @Test
    void refusesWhatIsNotAQuantity() {
        assertThatThrownBy(() -> Quantity.parse("lots")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lots");
    }
}
