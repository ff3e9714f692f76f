package io.mooring.resource;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class GoYamlKeyOrderTest {
    /** The string keys of go-yaml v2's TestSortedOutput, in the order it requires. */
    private static final List<String> GO_YAML_ORDER = List.of("", ".1", ".2", ".a", "1", "2", "a!10", "a/0001",
            "a/002", "a/3", "a/10", "a/11", "a/0012", "a/100", "a~10", "ab/1", "b/1", "b/01", "b/2", "b/02", "b/3",
            "b/03", "b1", "b01", "b3", "c2.10", "c10.2", "d1", "d7", "d7abc", "d12", "d12a");

    @Test
    void sortsLikeGoYamlV2sOwnTestWhateverTheInputOrder() {
        Random random = new Random(7);
        for (int round = 0; round < 20; round++) {
            List<String> shuffled = new ArrayList<>(GO_YAML_ORDER);
            Collections.shuffle(shuffled, random);
            assertThat(GoYamlKeyOrder.sorted(shuffled, shuffled.size()))
                    .as("merge sort path (more than 12 keys), input %s", shuffled)
                    .containsExactlyElementsOf(GO_YAML_ORDER);
        }
    }

    @Test
    void sortsSmallMapsWithTheSameOrder() {
        List<String> expected = List.of("a/002", "a/3", "a/10", "b/1", "b/01", "b1", "b01", "d7abc", "d12");
        List<String> reversed = new ArrayList<>(expected);
        Collections.reverse(reversed);
        assertThat(GoYamlKeyOrder.sorted(reversed, reversed.size())).as("insertion sort path (12 keys or fewer)")
                .containsExactlyElementsOf(expected);
    }

    @Test
    void comparesRunsOfDigitsAsNumbers() {
        assertThat(less("a2", "a10")).as("a2 before a10").isTrue();
        assertThat(less("a10", "a2")).isFalse();
        assertThat(less("port9", "port80")).isTrue();
        assertThat(less("v1beta1", "v1")).as("a prefix sorts first").isFalse();
    }

    @Test
    void sortsNonLettersBeforeLettersAndLettersByCodePoint() {
        assertThat(less("_x", "ax")).as("'_' is not a letter").isTrue();
        assertThat(less("Zeta", "alpha")).as("upper case before lower case").isTrue();
        assertThat(less("a-b", "ab")).isTrue();
        assertThat(less("ä", "z")).as("letters compare by code point, not by locale").isFalse();
        assertThat(less("app.kubernetes.io/name", "app")).isFalse();
    }

    private static boolean less(String a, String b) {
        return GoYamlKeyOrder.less(a.codePoints().toArray(), b.codePoints().toArray());
    }
}
