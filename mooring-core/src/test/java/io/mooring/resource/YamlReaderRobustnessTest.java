package io.mooring.resource;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Broken input of any shape is refused with a {@link ManifestException}, never another exception:
 * random edits (from a fixed seed, so a failure reproduces) of a realistic manifest.
 */
class YamlReaderRobustnessTest {
    private static final String MANIFEST = """
            # a deployment
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: &labels {app: web, tier: "front"}
              annotations:
                note: |
                  multi
                  line
            spec:
              replicas: 3
              selector:
                matchLabels: *labels
              template:
                metadata:
                  labels:
                    <<: *labels
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27
                    args: ["--port", '8080', 0x1F, 1e3, ~, yes]
                    env: [{name: A, value: "b"}]
            ---
            kind: List
            items: []
            """;
    private static final String ALPHABET = " \n\t:-[]{},&*!|>'\"%@`#?<=~0a\\\u00e9\u0000\u2028";

    @Test
    void randomEditsNeverEscapeAsAnythingButManifestException() {
        Random random = new Random(20261122);
        YamlReader reader = new YamlReader();
        int refused = 0;
        for (int round = 0; round < 3000; round++) {
            StringBuilder text = new StringBuilder(MANIFEST);
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(text.length());
                char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
                switch (random.nextInt(3)) {
                    case 0 -> text.insert(at, c);
                    case 1 -> text.deleteCharAt(at);
                    default -> text.setCharAt(at, c);
                }
            }
            try {
                reader.read("fuzz.yaml", text.toString());
            } catch (ManifestException expected) {
                refused++;
            } catch (RuntimeException | StackOverflowError unexpected) {
                fail("round " + round + " escaped with " + unexpected + " for input:\n" + text, unexpected);
            }
        }
        assertThat(refused).as("some edits must break the YAML, or the test proves nothing").isGreaterThan(100);
    }
}
