package io.mooring.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.javalin.http.Context;
import io.mooring.app.Applications;
import io.mooring.config.Application;
import io.mooring.web.Routes;
import io.mooring.web.WebFeature;
import io.mooring.web.auth.Action;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code /api/v1/environments} (the Environment resources, with how many of their Applications are
 * synced and healthy) and {@code /api/v1/events} (the Kubernetes Events of Applications: syncs,
 * failures, Git and render errors), for viewers.
 */
public final class ClusterViewsApi implements WebFeature {
    /** The Environment resources (mooring.io/v1alpha1). */
    public static final ResourceDefinitionContext ENVIRONMENTS = new ResourceDefinitionContext.Builder().withGroup("mooring.io")
            .withVersion("v1alpha1").withKind("Environment").withPlural("environments").withNamespaced(true).build();

    private final KubernetesClient client;
    private final Applications applications;
    private final String namespace;

    public ClusterViewsApi(KubernetesClient client, Applications applications, String namespace) {
        this.client = client;
        this.applications = applications;
        this.namespace = namespace;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/api/v1/environments", Action.VIEW_ENVIRONMENTS, this::environments);
        routes.get("/api/v1/events", Action.VIEW_EVENTS, this::events);
    }

    private void environments(Context ctx) {
        String ns = ctx.queryParam("namespace") != null ? ctx.queryParam("namespace") : namespace;
        var operation = ns.isEmpty() ? client.genericKubernetesResources(ENVIRONMENTS).inAnyNamespace()
                : client.genericKubernetesResources(ENVIRONMENTS).inNamespace(ns);
        List<ObjectNode> apps = applications.list(ns);
        List<ObjectNode> items = new ArrayList<>();
        for (var environment : operation.list().getItems()) {
            JsonNode node = client.getKubernetesSerialization().convertValue(environment, JsonNode.class);
            String name = node.path("metadata").path("name").asText();
            JsonNode spec = node.path("spec");
            ObjectNode item = Json.object().put("namespace", node.path("metadata").path("namespace").asText()).put("name", name)
                    .put("description", spec.path("description").asText("")).put("order", spec.path("order").asInt(0));
            var promotesTo = item.putArray("promotesTo");
            if (spec.path("promotesTo").isArray()) {
                spec.path("promotesTo").forEach(promotesTo::add);
            } else if (spec.path("promotesTo").isTextual()) {
                promotesTo.add(spec.path("promotesTo").asText());
            }
            List<ObjectNode> members = apps.stream().filter(a -> name.equals(a.path("spec").path("environment").asText())).toList();
            item.put("applications", members.size());
            item.put("synced", members.stream().filter(a -> "Synced".equals(a.path("status").path("sync").path("status").asText())).count());
            item.put("healthy", members.stream().filter(a -> "Healthy".equals(a.path("status").path("health").path("status").asText())).count());
            items.add(item);
        }
        items.sort(Comparator.comparingInt((ObjectNode n) -> n.path("order").asInt()).thenComparing(n -> n.path("name").asText()));
        Json.send(ctx, 200, Json.items(items));
    }

    private void events(Context ctx) {
        String ns = ctx.queryParam("namespace") != null ? ctx.queryParam("namespace") : namespace;
        String application = ctx.queryParam("application");
        int limit = Json.limit(ctx, 100, 1000);
        var operation = ns.isEmpty() ? client.v1().events().inAnyNamespace() : client.v1().events().inNamespace(ns);
        List<Event> events = new ArrayList<>(operation.list().getItems().stream()
                .filter(e -> e.getInvolvedObject() != null && Application.KIND.equals(e.getInvolvedObject().getKind()))
                .filter(e -> application == null || application.equals(e.getInvolvedObject().getName()))
                .toList());
        events.sort(Comparator.comparing(ClusterViewsApi::time).reversed());
        List<ObjectNode> items = new ArrayList<>();
        for (Event event : events.subList(0, Math.min(limit, events.size()))) {
            ObjectNode item = Json.object().put("time", time(event)).put("type", String.valueOf(event.getType()))
                    .put("reason", String.valueOf(event.getReason())).put("message", String.valueOf(event.getMessage()))
                    .put("count", event.getCount() == null ? 1 : event.getCount());
            item.putObject("application").put("namespace", event.getInvolvedObject().getNamespace()).put("name", event.getInvolvedObject().getName());
            items.add(item);
        }
        Json.send(ctx, 200, Json.items(items));
    }

    private static String time(Event event) {
        if (event.getLastTimestamp() != null) {
            return event.getLastTimestamp();
        }
        if (event.getEventTime() != null && event.getEventTime().getTime() != null) {
            return event.getEventTime().getTime();
        }
        return event.getMetadata().getCreationTimestamp() == null ? "" : event.getMetadata().getCreationTimestamp();
    }
}
