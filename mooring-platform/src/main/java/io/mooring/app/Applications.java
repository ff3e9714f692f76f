package io.mooring.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.mooring.cluster.Retrying;
import io.mooring.config.Application;
import io.mooring.plan.Tracking;
import io.mooring.resource.YamlReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Mooring's Application custom resources in a cluster: install their CRDs, read them, write their
 * status and the Kubernetes Events that tell a sync's story.
 */
public final class Applications {
    public static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder()
            .withGroup("mooring.io").withVersion("v1alpha1").withKind(Application.KIND).withPlural("applications").withNamespaced(true).build();
    /** An annotation whose change asks the controller to fetch and compare now (webhooks and the CLI set it). */
    public static final String REFRESH_ANNOTATION = "mooring.io/refresh";
    private static final List<String> CRD_FILES = List.of("applications.mooring.io.yaml", "environments.mooring.io.yaml");

    private final KubernetesClient client;
    private final Retrying retrying;

    public Applications(KubernetesClient client, Retrying retrying) {
        this.client = client;
        this.retrying = retrying;
    }

    public MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> resources() {
        return client.genericKubernetesResources(CONTEXT);
    }

    /** Applies Mooring's CRDs (server-side; a no-op when they are there and unchanged). */
    public void installCrds() {
        for (String file : CRD_FILES) {
            try (InputStream in = Applications.class.getResourceAsStream("/io/mooring/config/crds/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("CRD " + file + " is missing from the classpath");
                }
                JsonNode crd = new YamlReader().readOne(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                GenericKubernetesResource resource = client.getKubernetesSerialization().convertValue(crd, GenericKubernetesResource.class);
                retrying.call(() -> client.resource(resource).fieldManager(Tracking.FIELD_MANAGER).forceConflicts().serverSideApply());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Waits until the API server serves Applications (a CRD just installed takes a moment to be established). */
    public void awaitServed(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                resources().inNamespace("default").list();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404 || Instant.now().isAfter(deadline)) {
                    throw e;
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KubernetesClientException("interrupted while waiting for the Application CRD", e);
            }
        }
    }

    public List<ObjectNode> list(String namespace) {
        var operation = namespace == null || namespace.isEmpty() ? resources().inAnyNamespace() : resources().inNamespace(namespace);
        return retrying.call(() -> operation.list().getItems()).stream().map(this::tree).toList();
    }

    public Optional<ObjectNode> get(String namespace, String name) {
        return Optional.ofNullable(retrying.call(() -> resources().inNamespace(namespace).withName(name).get())).map(this::tree);
    }

    /**
     * Replaces the status whole (a JSON patch adding /status: unlike a merge patch, fields the new
     * status no longer has, such as a cleared condition, go).
     */
    public void writeStatus(String namespace, String name, ObjectNode status) {
        String patch = "[{\"op\":\"add\",\"path\":\"/status\",\"value\":" + status + "}]";
        retrying.call(() -> resources().inNamespace(namespace).withName(name).subresource("status")
                .patch(PatchContext.of(PatchType.JSON), patch));
    }

    /**
     * Replaces the status only if the Application is still at {@code resourceVersion}: a status
     * computed from an older read (the controller's cache, while a person's sync recorded its
     * history entry) must not overwrite a newer one. Another writer came first: a
     * {@link KubernetesClientException} for which {@link #lostRace} is true; read again and recompute.
     */
    public void writeStatus(String namespace, String name, ObjectNode status, String resourceVersion) {
        String patch = "[{\"op\":\"test\",\"path\":\"/metadata/resourceVersion\",\"value\":\"" + resourceVersion + "\"},"
                + "{\"op\":\"add\",\"path\":\"/status\",\"value\":" + status + "}]";
        resources().inNamespace(namespace).withName(name).subresource("status").patch(PatchContext.of(PatchType.JSON), patch);
    }

    /** Whether a conditional status write failed because the Application changed since it was read. */
    public static boolean lostRace(KubernetesClientException e) {
        return e.getCode() == 409 || e.getCode() == 422;
    }

    /** Asks the controller to fetch and compare now. */
    public void requestRefresh(String namespace, String name) {
        String patch = "{\"metadata\":{\"annotations\":{\"" + REFRESH_ANNOTATION + "\":\"" + Instant.now() + "\"}}}";
        retrying.call(() -> resources().inNamespace(namespace).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), patch));
    }

    /** Records a Kubernetes Event on the Application; a failure to record is not a failure of the sync. */
    public void event(ObjectNode application, String type, String reason, String message) {
        JsonNode metadata = application.path("metadata");
        String namespace = metadata.path("namespace").asText();
        try {
            client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                    .withNewMetadata().withName(metadata.path("name").asText() + "." + UUID.randomUUID().toString().substring(0, 8))
                    .withNamespace(namespace).endMetadata()
                    .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion(Application.API_VERSION).withKind(Application.KIND)
                            .withNamespace(namespace).withName(metadata.path("name").asText()).withUid(metadata.path("uid").asText(null))
                            .build())
                    .withType(type).withReason(reason).withMessage(message.length() > 1000 ? message.substring(0, 1000) + "..." : message)
                    .withReportingComponent("mooring-controller").withSource(new io.fabric8.kubernetes.api.model.EventSource("mooring-controller", null))
                    .withFirstTimestamp(DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))
                    .withLastTimestamp(DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))
                    .withEventTime(new MicroTime(DateTimeFormatter.ISO_INSTANT.format(Instant.now())))
                    .withCount(1)
                    .build()).create();
        } catch (KubernetesClientException e) {
            org.slf4j.LoggerFactory.getLogger(Applications.class).warn("cannot record event {} on {}/{}: {}", reason, namespace,
                    metadata.path("name").asText(), e.getMessage());
        }
    }

    public ObjectNode tree(GenericKubernetesResource resource) {
        return client.getKubernetesSerialization().convertValue(resource, ObjectNode.class);
    }
}
