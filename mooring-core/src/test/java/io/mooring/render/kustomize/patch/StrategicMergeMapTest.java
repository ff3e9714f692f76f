package io.mooring.render.kustomize.patch;

import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.ManifestException;
import io.mooring.resource.YamlNull;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.mooring.render.kustomize.patch.Trees.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrategicMergeMapTest {
    private final StrategicMergePatch patcher = new StrategicMergePatch(KubernetesSchema.builtin());

    private ObjectNode merge(String resource, String patch) {
        return patcher.apply(object(resource), object(patch)).orElseThrow();
    }

    @Test
    void mapsMergeRecursivelyAndKeepWhatThePatchDoesNotName() {
        ObjectNode merged = merge("""
                kind: Deployment
                spec: {replicas: 1, paused: false, template: {metadata: {labels: {a: "1"}}}}
                """, """
                kind: Deployment
                spec: {replicas: 3, template: {metadata: {labels: {b: "2"}}}}
                """);
        assertThat(merged).as("scalars from the patch win, other keys stay, maps merge")
                .isEqualTo(object("""
                        kind: Deployment
                        spec: {replicas: 3, paused: false, template: {metadata: {labels: {a: "1", b: "2"}}}}
                        """));
    }

    @Test
    void newKeysAreAppendedInSortedOrderAfterExistingOnes() {
        ObjectNode merged = merge("kind: A\nspec: {m: 1, a: 2}\n", "kind: A\nspec: {z: 3, b: 4}\n");
        assertThat(merged.get("spec").properties().stream().map(e -> e.getKey()).toList())
                .as("kyaml keeps existing keys in place and appends the patch's new keys sorted")
                .containsExactly("m", "a", "b", "z");
    }

    @Test
    void nullInThePatchDeletesTheField() {
        ObjectNode merged = merge("kind: A\nspec: {foo: 1, bar: {x: 1}}\n", "kind: A\nspec: {foo: null, bar: null}\n");
        assertThat(merged).as("null clears scalars and maps alike").isEqualTo(object("kind: A\nspec: {}\n"));
    }

    @Test
    void nullForAFieldTheResourceLacksAddsNothing() {
        ObjectNode merged = merge("kind: A\nspec: {foo: 1}\n", "kind: A\nspec: {gone: null, added: {inner: null, kept: 1}}\n");
        assertThat(merged).as("nulls never reach the output, even inside newly added maps")
                .isEqualTo(object("kind: A\nspec: {foo: 1, added: {kept: 1}}\n"));
    }

    @Test
    void explicitNullInTheResourceIsKeptWhenThePatchIsSilent() {
        ObjectNode merged = merge("kind: A\nspec: {creationTimestamp: null, x: 1}\n", "kind: A\nspec: {x: 2}\n");
        assertThat(merged.get("spec").has("creationTimestamp")).as("kustomize keeps an untouched `key: null`").isTrue();
        assertThat(merged.get("spec").get("creationTimestamp").isNull()).isTrue();
    }

    @Test
    void anUntouchedNullKeepsItsSpellingButAnEmptyValueIsDropped() {
        ObjectNode merged = merge("kind: A\nspec: {a: ~, b: Null, c: , x: 1}\n", "kind: A\nspec: {x: 2}\n");
        assertThat(YamlNull.spelling((NullNode) merged.get("spec").get("a"))).as("~ stays ~").isEqualTo("~");
        assertThat(YamlNull.spelling((NullNode) merged.get("spec").get("b"))).as("Null stays Null").isEqualTo("Null");
        assertThat(merged.get("spec").has("c")).as("kyaml drops a key whose value is empty, not spelt as null").isFalse();
    }

    @Test
    void emptyMapsInThePatchAndEmptyMapsLeftByDeletionsStay() {
        ObjectNode merged = merge("kind: A\nmetadata: {labels: {a: x}}\n", "kind: A\nmetadata: {labels: {a: null}}\nspec: {emptyDir: {}}\n");
        assertThat(merged).as("kyaml elides nulls but keeps {}")
                .isEqualTo(object("kind: A\nmetadata: {labels: {}}\nspec: {emptyDir: {}}\n"));
    }

    @Test
    void patchDeleteDirectiveRemovesTheMap() {
        ObjectNode merged = merge("""
                kind: Deployment
                spec: {metadata: {name: wut}, template: {spec: {containers: [{name: foo}]}}}
                """, "kind: Deployment\nspec: {template: {$patch: delete}}\n");
        assertThat(merged).isEqualTo(object("kind: Deployment\nspec: {metadata: {name: wut}}\n"));
    }

    @Test
    void patchDeleteDirectiveAtTheTopDeletesTheWholeResource() {
        Optional<ObjectNode> merged = patcher.apply(object("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {x: y}\n"),
                object("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n$patch: delete\n"));
        assertThat(merged).as("an empty result means: remove the resource").isEmpty();
    }

    @Test
    void patchReplaceDirectiveTakesThePatchsMapAsWritten() {
        ObjectNode merged = merge("kind: Deployment\nspec: {river: nile, color: red}\n",
                "kind: Deployment\nspec: {metal: heavy, $patch: replace, veggie: carrot}\n");
        assertThat(merged).isEqualTo(object("kind: Deployment\nspec: {metal: heavy, veggie: carrot}\n"));
    }

    @Test
    void patchMergeDirectiveMergesAndNeverReachesTheOutput() {
        ObjectNode merged = merge("kind: A\nspec: {a: 1}\n", "kind: A\nspec: {$patch: merge, b: 2}\nstatus: {$patch: merge, c: 3}\n");
        assertThat(merged).isEqualTo(object("kind: A\nspec: {a: 1, b: 2}\nstatus: {c: 3}\n"));
    }

    @Test
    void anUnknownPatchDirectiveIsAnError() {
        assertThatThrownBy(() -> merge("kind: A\nspec: {a: 1}\n", "kind: A\nspec: {$patch: squash}\n"))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("unknown patch strategy 'squash'");
    }

    @Test
    void otherDirectivesAreOrdinaryKeysToKyamlAndReachTheOutput() {
        ObjectNode merged = merge("""
                apiVersion: apps/v1
                kind: Deployment
                spec: {template: {spec: {containers: [{name: a}]}}}
                """, """
                apiVersion: apps/v1
                kind: Deployment
                spec:
                  $retainKeys: [template]
                  template:
                    spec:
                      $setElementOrder/containers: [{name: a}]
                      $deleteFromPrimitiveList/args: [x]
                """);
        assertThat(merged.at("/spec/$retainKeys").isArray()).as("kustomize does not honour $retainKeys (kustomize#3981)").isTrue();
        assertThat(merged.at("/spec/template/spec").has("$setElementOrder/containers"))
                .as("nor $setElementOrder: kubectl later rejects it as an unknown field (kustomize#2954)").isTrue();
        assertThat(merged.at("/spec/template/spec").has("$deleteFromPrimitiveList/args")).isTrue();
    }

    @Test
    void aMapAgainstAListIsAnError() {
        assertThatThrownBy(() -> merge("kind: A\nspec: {a: [1]}\n", "kind: A\nspec: {a: {b: 1}}\n"))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("wrong node kind: expected SequenceNode but got MappingNode: node contents:\nb: 1");
    }

    @Test
    void aScalarReplacesAScalarOfAnotherType() {
        ObjectNode merged = merge("kind: A\nspec: {maxUnavailable: 100%}\n", "kind: A\nspec: {maxUnavailable: 1}\n");
        assertThat(merged.at("/spec/maxUnavailable").intValue()).isEqualTo(1);
    }

    @Test
    void neitherTheResourceNorThePatchIsChanged() {
        ObjectNode resource = object("kind: A\nspec: {a: 1, list: [{name: x}]}\n");
        ObjectNode patch = object("kind: A\nspec: {a: null, $patch: merge}\n");
        ObjectNode resourceBefore = resource.deepCopy();
        ObjectNode patchBefore = patch.deepCopy();
        patcher.apply(resource, patch);
        assertThat(resource).as("the resource is copied before merging").isEqualTo(resourceBefore);
        assertThat(patch).as("the patch's directives are removed from a copy").isEqualTo(patchBefore);
    }
}
