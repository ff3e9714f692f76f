package io.mooring.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.resource.LabelSelector;
import io.mooring.sandbox.store.ApiException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small pure parts of the API: selectors, JSONPath, ages, continue tokens, scale selectors. */
class ApiPartsTest {
    private static JsonNode json(String text) throws IOException {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void fieldSelectorSplitsOnUnescapedCommasAndReadsEscapes() {
        FieldSelector selector = FieldSelector.parse("metadata.name=a\\,b,status.phase!=Running, spec.nodeName==");

        assertThat(selector.terms()).containsExactly(new FieldSelector.Term("metadata.name", true, "a,b"),
                new FieldSelector.Term("status.phase", false, "Running"), new FieldSelector.Term("spec.nodeName", true, ""));
    }

    @Test
    void fieldSelectorWithoutOperatorIsABadRequest() {
        assertThatThrownBy(() -> FieldSelector.parse("metadata.name")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(400);
            assertThat(e.getMessage()).isEqualTo("invalid selector: 'metadata.name'; can't understand 'metadata.name'");
        });
    }

    @Test
    void labelMatcherTreatsMissingLabelsAsKubernetesDoes() throws IOException {
        JsonNode unlabelled = json("{\"metadata\": {}}");
        JsonNode labelled = json("{\"metadata\": {\"labels\": {\"tier\": \"web\"}}}");

        assertThat(LabelMatcher.of(LabelSelector.parse("tier!=db")).test(unlabelled)).isTrue();
        assertThat(LabelMatcher.of(LabelSelector.parse("tier notin (db)")).test(unlabelled)).isTrue();
        assertThat(LabelMatcher.of(LabelSelector.parse("tier in (web,db)")).test(labelled)).isTrue();
        assertThat(LabelMatcher.of(LabelSelector.parse("!tier")).test(labelled)).isFalse();
    }

    @Test
    void labelMatcherComparesNumericLabelsForGtAndLt() throws IOException {
        JsonNode size3 = json("{\"metadata\": {\"labels\": {\"size\": \"3\"}}}");
        JsonNode unsized = json("{\"metadata\": {}}");

        assertThat(LabelMatcher.of(LabelSelector.parse("size>2")).test(size3)).as("3 > 2").isTrue();
        assertThat(LabelMatcher.of(LabelSelector.parse("size<3")).test(size3)).as("3 < 3").isFalse();
        assertThat(LabelMatcher.of(LabelSelector.parse("size>0")).test(unsized)).as("no label, no comparison").isFalse();
    }

    @Test
    void jsonPathFindsFieldsIndexesAndFilteredElements() throws IOException {
        JsonNode object = json("""
                {"spec": {"size": 3, "a.b": "dotted"}, "status": {"conditions": [
                  {"type": "Synced", "status": "False"}, {"type": "Ready", "status": "True"}]}}
                """);

        assertThat(JsonPathLite.parse(".spec.size").first(object).asInt()).isEqualTo(3);
        assertThat(JsonPathLite.parse(".spec['a.b']").first(object).asText()).isEqualTo("dotted");
        assertThat(JsonPathLite.parse(".status.conditions[1].type").first(object).asText()).isEqualTo("Ready");
        assertThat(JsonPathLite.parse(".status.conditions[?(@.type==\"Ready\")].status").first(object).asText()).isEqualTo("True");
        assertThat(JsonPathLite.parse("{.status.conditions[?(@.type=='Synced')].status}").first(object).asText()).isEqualTo("False");
        assertThat(JsonPathLite.parse(".spec.missing").first(object).isMissingNode()).isTrue();
    }

    @Test
    void agesReadAsKubectlPrintsThem() {
        assertThat(Tables.humanDuration(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(Tables.humanDuration(Duration.ofSeconds(200))).isEqualTo("3m20s");
        assertThat(Tables.humanDuration(Duration.ofMinutes(42))).isEqualTo("42m");
        assertThat(Tables.humanDuration(Duration.ofMinutes(5 * 60 + 7))).isEqualTo("5h7m");
        assertThat(Tables.humanDuration(Duration.ofHours(30))).isEqualTo("30h");
        assertThat(Tables.humanDuration(Duration.ofHours(3 * 24 + 4))).isEqualTo("3d4h");
        assertThat(Tables.humanDuration(Duration.ofDays(40))).isEqualTo("40d");
        assertThat(Tables.humanDuration(Duration.ofDays(800))).isEqualTo("2y70d");
    }

    @Test
    void continueTokenRoundTripsAndRefusesStrangers() {
        ContinueToken token = new ContinueToken(42, "ns/name");

        assertThat(ContinueToken.decode(token.encode())).isEqualTo(token);
        assertThatThrownBy(() -> ContinueToken.decode("not-a-token!")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo(400));
    }

    @Test
    void scaleSelectorIsTheLabelSelectorsTextForm() throws IOException {
        JsonNode selector = json("""
                {"matchLabels": {"b": "2", "a": "1"}, "matchExpressions": [
                  {"key": "tier", "operator": "In", "values": ["web", "api"]}, {"key": "legacy", "operator": "DoesNotExist"}]}
                """);

        assertThat(Scales.selector(selector)).isEqualTo("a=1,b=2,tier in (web,api),!legacy");
    }
}
