package io.mooring.sandbox.workloads.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.YamlReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateHashTest {
    private static ObjectNode template(String image) {
        return (ObjectNode) new YamlReader().readOne("template", """
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - {name: app, image: %s}
                """.formatted(image));
    }

    @Test
    void sameTemplateGivesSameHashWhateverTheKeyOrder() {
        JsonNode reordered = new YamlReader().readOne("template", """
                spec:
                  containers:
                  - {image: nginx:1.27, name: app}
                metadata:
                  labels: {app: web}
                """);
        assertThat(TemplateHash.of(reordered, null)).as("key order is not content").isEqualTo(TemplateHash.of(template("nginx:1.27"), null));
    }

    @Test
    void anyChangeOrCollisionCountGivesAnotherHash() {
        String hash = TemplateHash.of(template("nginx:1.27"), null);
        assertThat(TemplateHash.of(template("nginx:1.28"), null)).isNotEqualTo(hash);
        assertThat(TemplateHash.of(template("nginx:1.27"), 1)).as("the collision count is hashed in").isNotEqualTo(hash)
                .isNotEqualTo(TemplateHash.of(template("nginx:1.27"), 2));
    }

    @Test
    void hashIsTheDecimalFnvSpelledInTheSafeAlphabet() {
        String hash = TemplateHash.of(template("nginx:1.27"), null);
        assertThat(hash).as("a uint32 in decimal has up to 10 digits, each mapped into bcdf and 4-9")
                .matches("[4-9bcdf]{1,10}");
        assertThat(TemplateHash.safeEncode("0123456789")).as("rand.SafeEncodeString maps digits by their code point")
                .isEqualTo("456789bcdf");
    }

    @Test
    void emptyValuesDoNotChangeTheHash() {
        ObjectNode withEmpty = template("nginx:1.27");
        withEmpty.withObjectProperty("metadata").putObject("annotations");
        withEmpty.withObjectProperty("spec").putArray("volumes");
        assertThat(TemplateHash.of(withEmpty, null)).as("Go drops empty maps and lists before hashing too")
                .isEqualTo(TemplateHash.of(template("nginx:1.27"), null));
    }

    @Test
    void templatesEqualIgnoringThePodTemplateHashLabel() {
        ObjectNode labelled = template("nginx:1.27");
        labelled.withObjectProperty("metadata").withObjectProperty("labels").put(TemplateHash.POD_TEMPLATE_HASH, "5d9c7b8f64");
        assertThat(TemplateHash.equalIgnoringHash(labelled, template("nginx:1.27"))).isTrue();
        assertThat(TemplateHash.equalIgnoringHash(labelled, template("nginx:1.28"))).isFalse();
    }
}
