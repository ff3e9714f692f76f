package io.mooring.app;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApplicationStatusTest {
    @Test
    void aStatusReadBackWithIntsWhereLongsWereWrittenIsTheSameAndAnyOtherDifferenceIsNot() {
        ObjectNode written = JsonNodeFactory.instance.objectNode();
        written.putArray("history").addObject().put("id", 1L).put("revision", "abc");
        ObjectNode readBack = JsonNodeFactory.instance.objectNode();
        readBack.putArray("history").addObject().put("revision", "abc").put("id", 1);

        assertThat(written).as("Jackson's own equality tells a long from an int").isNotEqualTo(readBack);
        assertThat(ApplicationStatus.same(written, readBack)).as("numbers by value, keys in any order").isTrue();

        ((ObjectNode) readBack.get("history").get(0)).put("id", 2);
        assertThat(ApplicationStatus.same(written, readBack)).isFalse();
        assertThat(ApplicationStatus.same(written, null)).isFalse();
    }
}
