package io.mooring.sandbox.cluster.accounts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.api.ResourceApi;
import io.mooring.sandbox.api.WriteOptions;
import io.mooring.sandbox.catalog.ResourceType;
import io.mooring.sandbox.cluster.Nodes;
import io.mooring.sandbox.control.Controller;
import io.mooring.sandbox.store.ApiException;
import io.mooring.sandbox.store.WatchEvent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The service account and root CA publisher controllers: every active namespace has a
 * {@code default} ServiceAccount and the {@code kube-root-ca.crt} ConfigMap that pods mount,
 * recreated when deleted and restored when edited.
 */
public final class ServiceAccountController implements Controller {
    public static final String ROOT_CA_CONFIG_MAP = "kube-root-ca.crt";
    private static final String DESCRIPTION = "Contains a CA bundle that can be used to verify the kube-apiserver when using internal "
            + "endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions "
            + "of Kubernetes clusters.";
    private static final WriteOptions WRITER = WriteOptions.by("kube-controller-manager");

    private final ResourceApi api;
    private final String caBundle;
    private final ResourceType namespaces;
    private final ResourceType serviceAccounts;
    private final ResourceType configMaps;
    private final Set<String> pending = new LinkedHashSet<>();

    /** @param caBundle the PEM certificates published as {@code ca.crt} */
    public ServiceAccountController(ResourceApi api, String caBundle) {
        this.api = api;
        this.caBundle = caBundle;
        this.namespaces = api.catalog().byPlural("", "v1", "namespaces").orElseThrow();
        this.serviceAccounts = api.catalog().byPlural("", "v1", "serviceaccounts").orElseThrow();
        this.configMaps = api.catalog().byPlural("", "v1", "configmaps").orElseThrow();
    }

    /**
     * The CA bundle the sandbox publishes. It serves plain HTTP, so no client verifies with it; a
     * certificate is published because pods and tools expect the ConfigMap to hold one.
     */
    public static String sandboxCaBundle() {
        try (InputStream in = ServiceAccountController.class.getResourceAsStream("root-ca.crt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return "serviceaccount-controller";
    }

    @Override
    public Set<String> watches() {
        return Set.of("/namespaces", "/serviceaccounts", "/configmaps");
    }

    @Override
    public void onEvent(WatchEvent event) {
        ObjectNode object = event.object();
        String name = Nodes.text(object, "metadata", "name");
        switch (event.typeKey()) {
            case "/namespaces" -> {
                if (event.type() != WatchEvent.Type.DELETED && !object.path("metadata").has("deletionTimestamp")) {
                    pending.add(name);
                }
            }
            case "/serviceaccounts" -> {
                if (event.type() == WatchEvent.Type.DELETED && name.equals("default")) {
                    pending.add(Nodes.text(object, "metadata", "namespace"));
                }
            }
            default -> {
                if (name.equals(ROOT_CA_CONFIG_MAP) && (event.type() == WatchEvent.Type.DELETED || !published(object))) {
                    pending.add(Nodes.text(object, "metadata", "namespace"));
                }
            }
        }
        tick(Instant.now());
    }

    @Override
    public void tick(Instant now) {
        for (String namespace : List.copyOf(pending)) {
            pending.remove(namespace);
            try {
                ensure(namespace);
            } catch (ApiException e) {
                // A terminating namespace refuses new content: nothing to do there. Anything else is retried.
                if (e.code() != 403 && e.code() != 404) {
                    pending.add(namespace);
                }
            }
        }
    }

    /** Creates the namespace's {@code default} ServiceAccount if it lacks one. */
    public static void createDefaultAccount(ResourceApi api, String namespace) {
        ResourceType type = api.catalog().byPlural("", "v1", "serviceaccounts").orElseThrow();
        try {
            api.create(type, namespace, object(type, namespace, "default"), WRITER);
        } catch (ApiException e) {
            if (e.code() != 409) {
                throw e;
            }
        }
    }

    private void ensure(String namespace) {
        var found = api.store().get(ResourceApi.typeKey(namespaces), "", namespace);
        if (found.isEmpty() || found.get().path("metadata").has("deletionTimestamp")) {
            return;
        }
        if (api.store().get(ResourceApi.typeKey(serviceAccounts), namespace, "default").isEmpty()) {
            createDefaultAccount(api, namespace);
        }
        var configMap = api.store().get(ResourceApi.typeKey(configMaps), namespace, ROOT_CA_CONFIG_MAP);
        if (configMap.isEmpty()) {
            createIgnoringConflict(configMaps, namespace, rootCa(object(configMaps, namespace, ROOT_CA_CONFIG_MAP)));
        } else if (!published(configMap.get())) {
            api.update(configMaps, namespace, ROOT_CA_CONFIG_MAP, rootCa(configMap.get()), "", WRITER);
        }
    }

    private boolean published(ObjectNode configMap) {
        return configMap.path("data").path("ca.crt").asText("").equals(caBundle)
                && Nodes.text(configMap, "metadata", "annotations", "kubernetes.io/description").equals(DESCRIPTION);
    }

    private ObjectNode rootCa(ObjectNode configMap) {
        Nodes.object(Nodes.object(configMap, "metadata"), "annotations").put("kubernetes.io/description", DESCRIPTION);
        Nodes.object(configMap, "data").put("ca.crt", caBundle);
        return configMap;
    }

    private void createIgnoringConflict(ResourceType type, String namespace, ObjectNode object) {
        try {
            api.create(type, namespace, object, WRITER);
        } catch (ApiException e) {
            if (e.code() != 409) {
                throw e;
            }
        }
    }

    private static ObjectNode object(ResourceType type, String namespace, String name) {
        ObjectNode object = Nodes.JSON.objectNode();
        object.put("apiVersion", type.apiVersion());
        object.put("kind", type.kind());
        ObjectNode metadata = object.putObject("metadata");
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        return object;
    }
}
