package io.mooring.sandbox.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Discovery: what clients read before anything else to map kinds to URLs ({@code /api},
 * {@code /apis}, a resource list per group version), with the verbs, short names, categories and
 * subresources kubectl relies on.
 */
class DiscoveryTest {
    @RegisterExtension
    static final Conformance cluster = Conformance.cluster();

    private static JsonNode resource(String groupVersionPath, String name) {
        for (JsonNode resource : cluster.raw().get(groupVersionPath).json().path("resources")) {
            if (resource.path("name").asText().equals(name)) {
                return resource;
            }
        }
        throw new AssertionError(name + " is not listed in " + groupVersionPath);
    }

    private static List<String> texts(JsonNode array) {
        List<String> result = new ArrayList<>();
        array.forEach(v -> result.add(v.asText()));
        return result;
    }

    @Test
    void coreApiServesVersionV1() {
        RawApi.Reply reply = cluster.raw().get("/api");

        assertThat(reply.code()).isEqualTo(200);
        assertThat(reply.json().path("kind").asText()).isEqualTo("APIVersions");
        assertThat(texts(reply.json().path("versions"))).containsExactly("v1");
    }

    @Test
    void groupListNamesEveryGroupWithItsPreferredVersion() {
        JsonNode groups = cluster.raw().get("/apis").json();

        assertThat(groups.path("kind").asText()).isEqualTo("APIGroupList");
        List<String> names = groups.path("groups").findValuesAsText("name");
        assertThat(names).contains("apps", "batch", "rbac.authorization.k8s.io", "apiextensions.k8s.io", "networking.k8s.io",
                "coordination.k8s.io", "policy", "autoscaling", "storage.k8s.io", "discovery.k8s.io");
        for (JsonNode group : groups.path("groups")) {
            String preferred = group.path("preferredVersion").path("groupVersion").asText();
            assertThat(group.path("versions").findValuesAsText("groupVersion")).as("%s prefers a version it serves", group.path("name"))
                    .contains(preferred);
        }
        JsonNode apps = groups.path("groups").findParents("name").stream()
                .filter(g -> g.path("name").asText().equals("apps")).findFirst().orElseThrow();
        assertThat(apps.path("preferredVersion").path("groupVersion").asText()).isEqualTo("apps/v1");
    }

    @Test
    void groupDocumentNamesItsVersions() {
        JsonNode group = cluster.raw().get("/apis/autoscaling").json();

        assertThat(group.path("kind").asText()).isEqualTo("APIGroup");
        assertThat(group.path("versions").findValuesAsText("version")).containsExactly("v2", "v1");
        assertThat(group.path("preferredVersion").path("version").asText()).as("GA v2 before v1").isEqualTo("v2");
    }

    @Test
    void podsAreListedWithVerbsShortNamesAndCategories() {
        JsonNode pods = resource("/api/v1", "pods");

        assertThat(pods.path("kind").asText()).isEqualTo("Pod");
        assertThat(pods.path("namespaced").asBoolean()).isTrue();
        assertThat(pods.path("singularName").asText()).isEqualTo("pod");
        assertThat(texts(pods.path("verbs"))).containsExactlyInAnyOrder("create", "delete", "deletecollection", "get", "list", "patch",
                "update", "watch");
        assertThat(texts(pods.path("shortNames"))).containsExactly("po");
        assertThat(texts(pods.path("categories"))).containsExactly("all");
    }

    @Test
    void subresourcesAreListedWithTheirOwnVerbsAndKinds() {
        assertThat(texts(resource("/api/v1", "pods/status").path("verbs"))).containsExactlyInAnyOrder("get", "patch", "update");
        assertThat(texts(resource("/api/v1", "pods/log").path("verbs"))).containsExactly("get");
        assertThat(texts(resource("/api/v1", "pods/eviction").path("verbs"))).containsExactly("create");
        assertThat(resource("/api/v1", "pods/eviction").path("kind").asText()).isEqualTo("Eviction");
        assertThat(texts(resource("/api/v1", "pods/exec").path("verbs"))).containsExactlyInAnyOrder("create", "get");
        assertThat(texts(resource("/api/v1", "namespaces/finalize").path("verbs"))).containsExactly("update");
        assertThat(texts(resource("/api/v1", "serviceaccounts/token").path("verbs"))).containsExactly("create");
        JsonNode scale = resource("/apis/apps/v1", "deployments/scale");
        assertThat(scale.path("kind").asText()).isEqualTo("Scale");
        assertThat(scale.path("group").asText()).isEqualTo("autoscaling");
        assertThat(scale.path("version").asText()).isEqualTo("v1");
        assertThat(texts(scale.path("verbs"))).containsExactlyInAnyOrder("get", "patch", "update");
    }

    @Test
    void clusterScopedResourcesAreNotNamespaced() {
        assertThat(resource("/api/v1", "namespaces").path("namespaced").asBoolean()).isFalse();
        assertThat(resource("/api/v1", "nodes").path("namespaced").asBoolean()).isFalse();
        assertThat(resource("/apis/rbac.authorization.k8s.io/v1", "clusterroles").path("namespaced").asBoolean()).isFalse();
        assertThat(texts(resource("/api/v1", "namespaces").path("verbs"))).as("namespaces cannot be deleted as a collection")
                .doesNotContain("deletecollection");
    }

    @Test
    void appsResourcesCarryTheirShortNamesAndTheAllCategory() {
        JsonNode deployments = resource("/apis/apps/v1", "deployments");

        assertThat(texts(deployments.path("shortNames"))).containsExactly("deploy");
        assertThat(texts(deployments.path("categories"))).containsExactly("all");
        assertThat(texts(resource("/apis/apps/v1", "statefulsets").path("shortNames"))).containsExactly("sts");
        assertThat(resource("/apis/apps/v1", "controllerrevisions").has("categories")).as("not every kind is in 'all'").isFalse();
    }

    @Test
    void resourceListNamesItsGroupVersion() {
        JsonNode list = cluster.raw().get("/apis/apps/v1").json();

        assertThat(list.path("kind").asText()).isEqualTo("APIResourceList");
        assertThat(list.path("groupVersion").asText()).isEqualTo("apps/v1");
    }

    @Test
    void unknownGroupsAndVersionsAreNotFound() {
        assertThat(cluster.raw().get("/apis/nothing.example.com").code()).isEqualTo(404);
        assertThat(cluster.raw().get("/apis/nothing.example.com/v1").code()).isEqualTo(404);
        assertThat(cluster.raw().get("/apis/apps/v9").code()).isEqualTo(404);
        assertThat(cluster.raw().get("/api/v2").code()).isEqualTo(404);
    }

    @Test
    void aggregatedDiscoveryDescribesEveryResourceInOneDocument() {
        String accept = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";
        RawApi.Reply apis = cluster.raw().get("/apis", accept);
        RawApi.Reply core = cluster.raw().get("/api", accept);

        assertThat(apis.header("Content-Type")).as("clients read the document by its media type")
                .contains("as=APIGroupDiscoveryList").contains("v=v2");
        assertThat(apis.json().path("kind").asText()).isEqualTo("APIGroupDiscoveryList");
        JsonNode apps = apis.json().path("items").findParents("metadata").stream()
                .filter(item -> item.path("metadata").path("name").asText().equals("apps")).findFirst().orElseThrow();
        JsonNode v1 = apps.path("versions").path(0);
        assertThat(v1.path("version").asText()).isEqualTo("v1");
        JsonNode deployments = v1.path("resources").findParents("resource").stream()
                .filter(r -> r.path("resource").asText().equals("deployments")).findFirst().orElseThrow();
        assertThat(deployments.path("scope").asText()).isEqualTo("Namespaced");
        assertThat(deployments.path("responseKind").path("kind").asText()).isEqualTo("Deployment");
        assertThat(texts(deployments.path("shortNames"))).containsExactly("deploy");
        JsonNode scale = deployments.path("subresources").findParents("subresource").stream()
                .filter(r -> r.path("subresource").asText().equals("scale")).findFirst().orElseThrow();
        assertThat(scale.path("responseKind").path("group").asText()).isEqualTo("autoscaling");
        assertThat(scale.path("responseKind").path("kind").asText()).isEqualTo("Scale");
        assertThat(core.json().path("items").path(0).path("versions").path(0).path("resources").findValuesAsText("resource"))
                .contains("pods", "namespaces", "configmaps");
    }

    @Test
    void legacyDiscoveryIsServedToClientsThatDoNotAskForAggregated() {
        assertThat(cluster.raw().get("/apis", "application/json").json().path("kind").asText()).isEqualTo("APIGroupList");
    }

    @Test
    void versionSaysWhichKubernetesItIs() {
        JsonNode version = cluster.raw().get("/version").json();

        assertThat(version.path("major").asText()).isEqualTo("1");
        assertThat(version.path("minor").asText()).isNotEmpty();
        assertThat(version.path("gitVersion").asText()).startsWith("v1.");
    }

    @Test
    void fabric8DiscoversGroupsAndResources() {
        List<APIGroup> groups = cluster.client().getApiGroups().getGroups();
        List<APIResource> apps = cluster.client().getApiResources("apps/v1").getResources();

        assertThat(groups).extracting(APIGroup::getName).contains("apps", "batch");
        assertThat(apps).extracting(APIResource::getName).contains("deployments", "deployments/scale", "replicasets");
        assertThat(cluster.client().supports("apps/v1", "Deployment")).isTrue();
        assertThat(cluster.client().supports("example.com/v1", "Nothing")).isFalse();
    }

    @Test
    void openApiV3IndexNamesEveryGroupVersion() {
        JsonNode index = cluster.raw().get("/openapi/v3").json();

        assertThat(index.path("paths").has("api/v1")).isTrue();
        assertThat(index.path("paths").has("apis/apps/v1")).isTrue();
        String url = index.path("paths").path("apis/apps/v1").path("serverRelativeURL").asText();
        assertThat(cluster.raw().get(url).code()).as("the index's links resolve").isEqualTo(200);
    }
}
