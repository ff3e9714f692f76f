package io.mooring.resource;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class YamlTimestampTest {
    private final YamlReader reader = new YamlReader();

    @Test
    void plainTimestampsKeepTheirTextAndKnowTheirRfc3339Form() {
        JsonNode value = reader.readOne("f.yaml", """
                date: 2024-1-2
                zoned: 2001-12-14t21:59:43.10-05:00
                spaced: 2001-12-14  21:59:43.100
                utc: 2001-12-14T21:59:43.000000000+00:00
                tagged: !!timestamp 2024-01-01
                """);
        assertThat(value.get("date").asText()).as("a timestamp still reads as the text written").isEqualTo("2024-1-2");
        assertThat(rfc3339(value, "date")).isEqualTo("2024-01-02T00:00:00Z");
        assertThat(rfc3339(value, "zoned")).as("offset kept, fraction without trailing zeros").isEqualTo("2001-12-14T21:59:43.1-05:00");
        assertThat(rfc3339(value, "spaced")).as("no zone means UTC").isEqualTo("2001-12-14T21:59:43.1Z");
        assertThat(rfc3339(value, "utc")).as("a zero offset prints as Z").isEqualTo("2001-12-14T21:59:43Z");
        assertThat(rfc3339(value, "tagged")).isEqualTo("2024-01-01T00:00:00Z");
    }

    @Test
    void quotedAndInvalidDatesAreOrdinaryStrings() {
        JsonNode value = reader.readOne("f.yaml", """
                quoted: "2024-01-01"
                february: 2023-02-29
                leap: 2023-12-31T23:59:60Z
                noZone: 2001-12-14T21:59:43
                """);
        value.properties().forEach(field -> assertThat(field.getValue())
                .as("%s is not a go-yaml timestamp", field.getKey()).isNotInstanceOf(YamlTimestamp.class));
    }

    private static String rfc3339(JsonNode object, String field) {
        assertThat(object.get(field)).as("%s reads as a timestamp", field).isInstanceOf(YamlTimestamp.class);
        return ((YamlTimestamp) object.get(field)).rfc3339();
    }
}
