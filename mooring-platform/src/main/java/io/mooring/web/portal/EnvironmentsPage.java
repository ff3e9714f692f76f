package io.mooring.web.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.web.Routes;
import io.mooring.web.WebFeature;
import io.mooring.web.api.ClusterViewsApi;
import io.mooring.web.auth.Action;
import io.mooring.web.page.Pages;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** {@code GET /environments}: which version of each service runs in each environment, side by side ({@link EnvironmentMatrix}). */
record EnvironmentsPage(Pages pages, KubernetesClient client, LiveApplications live) implements WebFeature {
    @Override
    public void register(Routes routes) {
        routes.get("/environments", Action.VIEW_ENVIRONMENTS, ctx -> {
            String namespace = live.namespace();
            List<ObjectNode> apps = live.list(namespace);
            EnvironmentMatrix matrix = EnvironmentMatrix.of(environments(namespace), apps.stream().map(AppSummary::of).toList(),
                    Workloads.images(client, apps));
            Views.render(pages, ctx, "environments", "Environments", Map.of("matrix", matrix));
        });
    }

    private List<EnvironmentMatrix.Environment> environments(String namespace) {
        var resources = client.genericKubernetesResources(ClusterViewsApi.ENVIRONMENTS);
        List<JsonNode> items = new ArrayList<>();
        for (var item : (namespace.isEmpty() ? resources.inAnyNamespace() : resources.inNamespace(namespace)).list().getItems()) {
            items.add(client.getKubernetesSerialization().convertValue(item, JsonNode.class));
        }
        items.sort(Comparator.comparingInt((JsonNode n) -> n.path("spec").path("order").asInt(0))
                .thenComparing(n -> n.path("metadata").path("name").asText()));
        return items.stream().map(n -> new EnvironmentMatrix.Environment(n.path("metadata").path("name").asText(),
                n.path("spec").path("description").asText(""), true)).toList();
    }
}
