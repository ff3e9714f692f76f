package io.mooring.policy.jmespath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JmesPathTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2024-05-06T07:08:09Z");
    private static final String POD = """
            {"request": {"operation": "CREATE", "object": {
              "metadata": {"name": "web", "labels": {"app": "web", "app.kubernetes.io/name": "web"}},
              "spec": {"containers": [
                {"name": "a", "image": "nginx:1.25", "securityContext": {"privileged": true}, "ports": [{"containerPort": 80}]},
                {"name": "b", "image": "busybox", "resources": {"limits": {"memory": "64Mi"}}}],
               "volumes": [{"name": "v", "emptyDir": {}}, {"name": "h", "hostPath": {"path": "/etc"}}]}}}}
            """;

    private static JsonNode search(String expression) throws Exception {
        return JmesPath.compile(expression).search(JSON.readTree(POD), NOW);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiterString = " => ", value = {
            "request.object.metadata.name => \"web\"",
            "request.object.metadata.labels.\"app.kubernetes.io/name\" => \"web\"",
            "request.object.metadata.labels.missing || 'none' => \"none\"",
            "request.object.spec.containers[].name => [\"a\",\"b\"]",
            "request.object.spec.containers[].securityContext.privileged => [true]",
            "request.object.spec.containers[?securityContext.privileged].name => [\"a\"]",
            "request.object.spec.[initContainers, containers][].name => [\"a\",\"b\"]",
            "request.object.spec.volumes[?hostPath] | length(@) => 1",
            "request.object.spec.volumes[?contains(keys(@), 'emptyDir')].name => [\"v\"]",
            "request.object.spec.missing[] => null",
            "request.object.spec.missing[?x] => null",
            "length(request.object.spec.containers) => 2",
            "request.object.spec.containers[0].ports[0].containerPort => 80",
            "request.object.spec.containers[-1].name => \"b\"",
            "request.object.metadata.labels.keys(@) => [\"app\",\"app.kubernetes.io/name\"]",
            "request.object.metadata.name == 'web' && request.operation => \"CREATE\"",
            "!(request.object.spec.hostNetwork || `false`) => true",
            "to_upper('abc') => \"ABC\"",
            "split('a/b/c', '/')[1] => \"b\"",
            "regex_match('^nginx:', request.object.spec.containers[0].image) => true",
            "divide('10Mi', '5Ki') => 2048",
            "add('1Gi', '512Mi') => \"1536Mi\"",
            "add('1h', '30s') => \"1h0m30s\"",
            "multiply('100m', `3`) => \"300m\"",
            "sum(['1', '2']) => \"3\"",
            "max([`1`, `3`, `2`]) => 3",
            "sort(['b', 'a']) => [\"a\",\"b\"]",
            "merge(`{\"a\":1}`, {b: `2`}) => {\"a\":1,\"b\":2}",
            "to_string(`{\"b\":1,\"a\":[1.5]}`) => \"{\\\"a\\\":[1.5],\\\"b\\\":1}\"",
            "to_number('42') => 42",
            "`1` + `2` * `3` => 7",
            "time_add('2024-01-01T00:00:00Z', '36h') => \"2024-01-02T12:00:00Z\"",
            "time_since('', '2024-05-06T07:00:00Z', '') => \"8m9s\"",
            "semver_compare('1.2.3', '>=1.2.0 <2.0.0') => true",
            "items(`{\"b\":2,\"a\":1}`, 'k', 'v')[0].k => \"a\"",
            "to_string('abcdef')[1:3] => \"bc\"",
            "request.object.spec.containers[*].image => [\"nginx:1.25\",\"busybox\"]",
            "request.object.metadata.labels.* => [\"web\",\"web\"]"})
    void evaluatesLikeKyverno(String expression, String expected) throws Exception {
        JsonNode actual = search(expression);
        assertThat(JsonValues.deepEquals(actual, JSON.readTree(expected))).as(expression + " gave " + actual).isTrue();
    }

    @Test
    void aMissingKeyOnTheMainPathIsAnError() {
        assertThatThrownBy(() -> search("request.object.metadata.annotations.owner"))
                .isInstanceOf(UnknownKeyException.class)
                .hasMessage("Unknown key \"annotations\" in path");
        assertThatThrownBy(() -> search("request.object.spec.missing[0]")).isInstanceOf(UnknownKeyException.class);
    }

    @Test
    void aMissingKeyInAFunctionArgumentIsNullAndFailsTheTypeCheck() {
        assertThatThrownBy(() -> search("to_upper(request.object.metadata.annotations.owner)"))
                .isInstanceOf(JmesPathException.class)
                .hasMessageContaining("invalid type for argument 1 of to_upper()");
    }

    @Test
    void syntaxErrorsNameThePosition() {
        assertThatThrownBy(() -> JmesPath.compile("request.object.[name"))
                .isInstanceOf(JmesPathException.class)
                .hasMessageContaining("at position");
        assertThatThrownBy(() -> JmesPath.compile("a = b")).hasMessageContaining("'=' is not an operator");
    }

    @Test
    void unknownFunctionsAreFoundBeforeEvaluation() {
        assertThat(JmesPath.compile("to_upper(no_such(@)) || other(`1`)").unknownFunctions()).containsExactly("no_such", "other");
    }
}
