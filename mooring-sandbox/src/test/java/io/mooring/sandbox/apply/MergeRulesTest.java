package io.mooring.sandbox.apply;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.render.kustomize.patch.KubernetesSchema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** structured-merge-diff's merge, comparison and removal on values, type by type. */
class MergeRulesTest {
    private static final TypeSchema POD_SPEC = TypeSchema.of(KubernetesSchema.apiServer().lookup("v1", "Pod", "spec").orElseThrow());

    @Test
    void associativeListsKeepLiveOnlyElementsInPlaceAndTakeTheConfigurationsOrderForTheRest() {
        JsonNode live = Objects.node("{containers: [{name: a}, {name: x}, {name: b}]}");
        JsonNode config = Objects.node("{containers: [{name: b}, {name: a}, {name: c}]}");
        assertThat(Merge.merge(POD_SPEC, live, config).get("containers")).extracting(c -> c.get("name").asText())
                .containsExactly("x", "b", "a", "c");
    }

    @Test
    void atomicListsAndMapsAreReplacedAndGranularMapsMerged() {
        JsonNode live = Objects.node("{tolerations: [{key: a}], nodeSelector: {zone: a, disk: ssd}, overhead: {cpu: '1'}}");
        JsonNode config = Objects.node("{tolerations: [{key: b}], nodeSelector: {zone: b}, overhead: {memory: 1Gi}}");
        JsonNode merged = Merge.merge(POD_SPEC, live, config);
        assertThat(merged.get("tolerations")).isEqualTo(Objects.node("[{key: b}]"));
        assertThat(merged.get("nodeSelector")).as("nodeSelector is an atomic map").isEqualTo(Objects.node("{zone: b}"));
        assertThat(merged.get("overhead")).isEqualTo(Objects.node("{cpu: '1', memory: 1Gi}"));
    }

    @Test
    void comparisonNamesAddedMapsAndListElementsBesidesTheirLeaves() {
        JsonNode before = Objects.node("{containers: [{name: a, image: x}]}");
        JsonNode after = Objects.node("{containers: [{name: a, image: y}, {name: b}], nodeSelector: {zone: a}}");
        Comparison comparison = Comparison.of(POD_SPEC, before, after);
        assertThat(comparison.modified().paths()).extracting(FieldSet::toString).containsExactly(".containers[name=\"a\"].image");
        assertThat(comparison.added().paths()).extracting(FieldSet::toString)
                .containsExactly(".nodeSelector", ".containers[name=\"b\"]", ".containers[name=\"b\"].name");
        assertThat(Comparison.of(POD_SPEC, after, before).removed().paths()).extracting(FieldSet::toString)
                .contains(".nodeSelector", ".containers[name=\"b\"]");
    }

    @Test
    void numbersCompareByValueWhateverTheirRepresentation() {
        assertThat(Comparison.of(POD_SPEC, Objects.node("{priority: 1}"), Objects.node("{priority: 1.0}")).isSame()).isTrue();
    }

    @Test
    void removingItemsDropsMapsAndListsLeftEmpty() {
        JsonNode value = Objects.node("{nodeSelector: {zone: a}, containers: [{name: a, image: x}, {name: b}]}");
        FieldSet remove = FieldSet.fromFieldsV1(Objects.node("{\"f:nodeSelector\": {}, \"f:containers\": {\"k:{\\\"name\\\":\\\"b\\\"}\": {}}}"));
        assertThat(RemoveItems.remove(POD_SPEC, value, remove)).isEqualTo(Objects.node("{containers: [{name: a, image: x}]}"));
    }

    @Test
    void theTypedCheckNamesEachProblemAtItsPath() {
        JsonNode config = Objects.node("""
                {containers: [{name: a, imagee: x}, {name: a}], priority: high, tolerations: [{key: k, effectt: NoSchedule}],
                 hostAliases: [{hostnames: [x]}]}""");
        assertThat(TypedCheck.problems(POD_SPEC, config)).containsExactly(
                ".containers[name=\"a\"].imagee: field not declared in schema",
                ".containers: duplicate entries for key [name=\"a\"]",
                ".priority: expected numeric (int or float), got string",
                ".tolerations[0].effectt: field not declared in schema");
    }
}
