package io.mooring.sandbox.apply;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FieldSetTest {
    private static final PathElement SPEC = new PathElement.Field("spec");

    @Test
    void fieldsV1RoundTripsWithMembersThatAlsoHaveChildren() {
        JsonNode fields = Objects.node("""
                f:metadata:
                  f:labels:
                    .: {}
                    f:app: {}
                f:spec:
                  f:containers:
                    k:{"name":"web"}:
                      .: {}
                      f:image: {}
                      f:name: {}
                  f:finalizers:
                    v:"a": {}
                """);
        FieldSet set = FieldSet.fromFieldsV1(fields);
        assertThat(set.paths()).extracting(FieldSet::toString).containsExactly(
                ".metadata.labels", ".metadata.labels.app", ".spec.containers[name=\"web\"]",
                ".spec.containers[name=\"web\"].image", ".spec.containers[name=\"web\"].name", ".spec.finalizers[=\"a\"]");
        assertThat(set.toFieldsV1().toString()).as("members with children write their dot after the children, as upstream")
                .isEqualTo("{\"f:metadata\":{\"f:labels\":{\"f:app\":{},\".\":{}}},\"f:spec\":{\"f:containers\":"
                        + "{\"k:{\\\"name\\\":\\\"web\\\"}\":{\"f:image\":{},\"f:name\":{},\".\":{}}},\"f:finalizers\":{\"v:\\\"a\\\"\":{}}}}");
        assertThat(FieldSet.fromFieldsV1(set.toFieldsV1())).isEqualTo(set);
    }

    @Test
    void pathElementsSortFieldsBeforeKeysBeforeValuesBeforeIndices() {
        FieldSet set = new FieldSet.Builder()
                .insert(List.of(SPEC, new PathElement.Index(0)))
                .insert(List.of(SPEC, new PathElement.SetValue(Objects.node("b"))))
                .insert(List.of(SPEC, new PathElement.Key(List.of(new PathElement.KeyField("name", Objects.node("a"))))))
                .insert(List.of(SPEC, new PathElement.Field("z")))
                .build();
        assertThat(set.paths()).extracting(FieldSet::toString)
                .containsExactly(".spec.z", ".spec[name=\"a\"]", ".spec[=\"b\"]", ".spec[0]");
    }

    @Test
    void keysSerializeSortedWithNumbersAsNumbersWhateverTheirJavaType() {
        PathElement port = new PathElement.Key(List.of(new PathElement.KeyField("protocol", Objects.node("TCP")),
                new PathElement.KeyField("containerPort", Objects.node("80"))));
        assertThat(port.serialize()).isEqualTo("k:{\"containerPort\":80,\"protocol\":\"TCP\"}");
        assertThat(PathElement.parse(port.serialize())).isEqualTo(port);
        assertThat(PathElement.parse("k:{\"containerPort\":80.0,\"protocol\":\"TCP\"}")).as("80 and 80.0 name the same element")
                .isEqualTo(port);
        assertThat(PathElement.parse("x:unknown")).as("kinds of steps a newer server may write are skipped").isNull();
    }

    @Test
    void differenceKeepsWhatIsBelowAMemberButRecursiveDifferenceDropsIt() {
        FieldSet set = FieldSet.fromFieldsV1(Objects.node("f:spec: {f:a: {}, f:b: {f:c: {}}}"));
        FieldSet b = FieldSet.fromFieldsV1(Objects.node("f:spec: {f:b: {}}"));
        assertThat(set.difference(b)).as("b is not a member of the set; its child stays").isEqualTo(set);
        assertThat(set.recursiveDifference(b).paths()).extracting(FieldSet::toString).containsExactly(".spec.a");
        assertThat(set.intersection(FieldSet.fromFieldsV1(Objects.node("f:spec: {f:b: {f:c: {}}, f:x: {}}"))).paths())
                .extracting(FieldSet::toString).containsExactly(".spec.b.c");
        assertThat(set.union(b).has(List.of(SPEC, new PathElement.Field("b")))).isTrue();
    }
}
