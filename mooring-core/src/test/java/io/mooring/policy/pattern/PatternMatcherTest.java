package io.mooring.policy.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.policy.pattern.PatternMatcher.Result;
import io.mooring.resource.YamlReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PatternMatcherTest {
    private static final String POD = """
            metadata:
              name: web
              labels: {app.kubernetes.io/name: web, tier: front}
            spec:
              hostNetwork: false
              containers:
                - name: web
                  image: ghcr.io/org/web:1.2
                  resources: {limits: {memory: 512Mi, cpu: 500m}}
                  securityContext: {runAsNonRoot: true}
                  ports: [{containerPort: 8080}]
                - name: sidecar
                  image: busybox:latest
                  resources: {limits: {memory: 2Gi}}
              volumes:
                - name: data
                  emptyDir: {}
            """;

    private static JsonNode yaml(String text) {
        return new YamlReader().readOne("test", text);
    }

    private static Result match(String pattern) {
        return PatternMatcher.match(yaml(POD), yaml(pattern));
    }

    @Test
    void aMatchingPatternPasses() {
        assertThat(match("metadata: {labels: {app.kubernetes.io/name: \"?*\"}}")).isInstanceOf(Result.Pass.class);
    }

    @Test
    void aListPatternAppliesToEveryItemAndReportsThePathOfTheFirstMismatch() {
        assertThat(match("spec: {containers: [{image: \"!*:latest\"}]}"))
                .isEqualTo(new Result.Fail("/spec/containers/1/image/", "resource value 'busybox:latest' does not match '!*:latest' at path /spec/containers/1/image/"));
    }

    @Test
    void aMissingFieldFailsAtTheFieldsParent() {
        Result result = match("spec: {containers: [{securityContext: {runAsNonRoot: true}}]}");
        assertThat(result).isInstanceOf(Result.Fail.class);
        assertThat(((Result.Fail) result).path()).isEqualTo("/spec/containers/1/securityContext/");
    }

    @Test
    void aConditionalAnchorOnlyChecksItemsThatMeetIt() {
        assertThat(match("spec: {containers: [{(name): web, securityContext: {runAsNonRoot: true}}]}")).isInstanceOf(Result.Pass.class);
        assertThat(match("spec: {containers: [{(name): sidecar, securityContext: {runAsNonRoot: true}}]}")).isInstanceOf(Result.Fail.class);
    }

    @Test
    void anUnmetConditionEverywhereSkips() {
        assertThat(match("spec: {containers: [{(name): nobody, image: x}]}")).isInstanceOf(Result.Skip.class);
        assertThat(match("(metadata): {(name): other}\nspec: {hostNetwork: true}")).isInstanceOf(Result.Skip.class);
    }

    @Test
    void aGlobalAnchorThatFailsSkipsTheWholePattern() {
        assertThat(match("spec: {containers: [{<(image): \"nginx*\", name: x}]}")).isInstanceOf(Result.Skip.class);
    }

    @Test
    void anEqualityAnchorChecksOnlyWhenTheKeyIsThere() {
        assertThat(match("spec: {=(initContainers): [{image: \"ghcr.io/*\"}], =(hostNetwork): false}")).isInstanceOf(Result.Pass.class);
        assertThat(match("spec: {=(hostNetwork): true}")).isInstanceOf(Result.Fail.class);
    }

    @Test
    void aNegationAnchorFailsWhenTheKeyIsPresent() {
        assertThat(match("spec: {X(hostPID): \"null\"}")).isInstanceOf(Result.Pass.class);
        assertThat(match("spec: {volumes: [{X(emptyDir): \"null\"}]}"))
                .isEqualTo(new Result.Fail("/spec/volumes/0/emptyDir/", "negation anchor matched in resource: /spec/volumes/0/emptyDir/ is not allowed"));
    }

    @Test
    void anExistenceAnchorNeedsOneMatchingItem() {
        assertThat(match("spec: {^(containers): [{image: \"busybox*\"}]}")).isInstanceOf(Result.Pass.class);
        assertThat(match("spec: {^(containers): [{image: \"nginx*\"}]}")).isInstanceOf(Result.Fail.class);
    }

    @Test
    void aStarNeedsTheKeyWithAValue() {
        assertThat(match("metadata: {name: \"*\"}")).isInstanceOf(Result.Pass.class);
        assertThat(match("metadata: {namespace: \"*\"}")).isEqualTo(new Result.Fail("/metadata/", "/metadata//namespace not found"));
    }

    @Test
    void wildcardLabelKeysStandForTheLabelTheyMatch() {
        assertThat(match("metadata: {labels: {app.kubernetes.io/*: web}}")).isInstanceOf(Result.Pass.class);
        assertThat(match("metadata: {labels: {app.kubernetes.io/*: api}}")).isInstanceOf(Result.Fail.class);
    }

    @ParameterizedTest(name = "{1} against {0}: {2}")
    @CsvSource(delimiterString = " => ", value = {
            "512Mi => <=1Gi => true",
            "512Mi => >1Gi => false",
            "512Mi => 256Mi-1Gi => true",
            "512Mi => 1Gi!-2Gi => true",
            "500m => <1 => true",
            "1h => >30m & <2h => true",
            "90s => <1m => false",
            "web => api | web => true",
            "web => !web => false",
            "8080 => 8080 => true",
            "8080 => >1024 => true",
            "true => true => true",
            "'' => ?* => false"})
    void scalarPatternsCompareDurationsQuantitiesAndText(String value, String pattern, boolean matches) {
        assertThat(ValuePattern.matches(yaml(value.isEmpty() ? "''" : value), yaml("'" + pattern + "'"))).isEqualTo(matches);
    }

    @Test
    void aNullPatternAcceptsAbsentAndEmptyValues() {
        assertThat(ValuePattern.matches(null, yaml("null"))).isTrue();
        assertThat(ValuePattern.matches(yaml("''"), yaml("null"))).isTrue();
        assertThat(ValuePattern.matches(yaml("0"), yaml("null"))).isTrue();
        assertThat(ValuePattern.matches(yaml("x"), yaml("null"))).isFalse();
    }

    @Test
    void aMissingNumberCountsAsZeroInComparisons() {
        assertThat(match("spec: {containers: [{resources: {limits: {cpu: \"<=1\"}}}]}")).as("the sidecar has no cpu limit").isInstanceOf(Result.Pass.class);
    }

    @Test
    void anAnchorWhoseKeyNeverAppearsMakesAFailureAnError() {
        assertThat(match("spec: {^(initContainers): [{name: x}], hostNetwork: true}")).isInstanceOf(Result.Error.class);
    }
}
