package io.mooring.sandbox.cluster.defaults;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuantityTest {
    @ParameterizedTest(name = "{0} reads back as {1}")
    @CsvSource({
            "0.5, 500m", "0.1, 100m", "1000m, 1", "1500m, 1500m", "2, 2", "2000, 2k", "1500, 1500", "1000000, 1M",
            "2048Mi, 2Gi", "1.5Gi, 1536Mi", "1000Mi, 1000Mi", "0.5Gi, 512Mi", "1.5Ki, 1536", "0.5Mi, 512Ki", "512, 512",
            "1Ki, 1Ki", "1024, 1024", "1e3, 1e3", "1.5e3, 1500", "129e6, 129e6", "5e-3, 5e-3", "1.5G, 1500M", "123M, 123M",
            "0, 0", "0Mi, 0", "+1, 1", "-2k, -2k", "100Mi, 100Mi", "128974848, 128974848", "0.0001, 1m", "1n, 1m"})
    void resourceListsAreRewrittenAsTheApiServerStoresThem(String given, String stored) {
        assertThat(Quantity.canonical(given, true)).as("canonical form of %s", given).isEqualTo(stored);
    }

    @Test
    void quantitiesOutsideResourceListsKeepNanoPrecision() {
        assertThat(Quantity.canonical("1n", false)).isEqualTo("1n");
        assertThat(Quantity.canonical("0.0001", false)).isEqualTo("100u");
    }

    @Test
    void malformedQuantitiesAreRefusedWithTheDecodersMessage() {
        assertThatThrownBy(() -> Quantity.canonical("one gig", true)).hasMessage(Quantity.SYNTAX);
        assertThatThrownBy(() -> Quantity.canonical("1GB", true)).hasMessage(Quantity.SYNTAX);
    }

    @Test
    void valuesCompareAcrossFormats() {
        assertThat(Quantity.value("1Gi")).isEqualByComparingTo("1073741824");
        assertThat(Quantity.value("500m")).isEqualByComparingTo("0.5");
    }
}
