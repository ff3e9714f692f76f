package io.mooring.sandbox.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.YamlReader;
import io.mooring.sandbox.api.Admission;
import io.mooring.sandbox.api.ResourceApi;
import io.mooring.sandbox.api.WriteOptions;
import io.mooring.sandbox.catalog.ApiCatalog;
import io.mooring.sandbox.cluster.accounts.ServiceAccountController;
import io.mooring.sandbox.cluster.crd.CrdAdmission;
import io.mooring.sandbox.cluster.crd.CrdController;
import io.mooring.sandbox.cluster.crd.CrdRegistry;
import io.mooring.sandbox.cluster.crd.CustomResourceAdmission;
import io.mooring.sandbox.cluster.crd.CustomResourceSchemas;
import io.mooring.sandbox.cluster.defaults.Defaulting;
import io.mooring.sandbox.cluster.defaults.PodAdmission;
import io.mooring.sandbox.cluster.gc.GarbageCollector;
import io.mooring.sandbox.cluster.namespaces.NamespaceController;
import io.mooring.sandbox.cluster.network.EndpointsController;
import io.mooring.sandbox.cluster.network.IngressController;
import io.mooring.sandbox.cluster.network.KubernetesService;
import io.mooring.sandbox.cluster.network.ServiceAddresses;
import io.mooring.sandbox.cluster.network.ServiceAllocation;
import io.mooring.sandbox.cluster.network.ServiceController;
import io.mooring.sandbox.cluster.storage.StorageAdmission;
import io.mooring.sandbox.cluster.storage.VolumeController;
import io.mooring.sandbox.cluster.validation.Validation;
import io.mooring.sandbox.control.Controller;
import io.mooring.sandbox.store.ApiException;
import io.mooring.sandbox.store.ObjectStore;

import java.util.Random;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the control plane does besides running workloads, as admissions (defaults, validation,
 * allocations, CRD and storage plugins) and controllers (garbage collection, namespace deletion,
 * CRD registration, service addresses and endpoints, volume binding, default service accounts),
 * plus the objects every cluster starts with.
 */
public final class ClusterPlane {
    /** How long the simulated cloud takes to give a LoadBalancer Service its address. */
    public static final Duration LOAD_BALANCER_DELAY = Duration.ofSeconds(1);
    private static final WriteOptions WRITER = WriteOptions.by("kube-apiserver");

    private final ServiceAddresses addresses;
    private final CrdRegistry crds;
    private final ObjectStore store;
    private final AtomicReference<ResourceApi> api = new AtomicReference<>();

    /**
     * @param schemas where the schemas of served custom resources are announced (the apply
     *                engine's schema registry, or {@link CustomResourceSchemas#NONE})
     */
    public ClusterPlane(ApiCatalog catalog, ObjectStore store, CustomResourceSchemas schemas) {
        this.store = store;
        this.addresses = new ServiceAddresses(store, new Random());
        this.crds = new CrdRegistry(catalog, schemas);
    }

    /** In the order they must run: defaults and mutating plugins, validation, then allocations. */
    public List<Admission> admissions() {
        return List.of(new Defaulting(),
                new PodAdmission(store, namespace -> ServiceAccountController.createDefaultAccount(api.get(), namespace)),
                new StorageAdmission(store),
                new CrdAdmission(),
                new CustomResourceAdmission(crds),
                new Validation(),
                new ServiceAllocation(addresses));
    }

    /**
     * Creates what every cluster has from the start and that is missing: the {@code kubernetes}
     * Service, the system priority classes and the default StorageClass {@code standard}.
     * Call it after the system namespaces exist.
     */
    public void bootstrap(ResourceApi api) {
        this.api.set(api);
        KubernetesService.ensure(api);
        for (String manifest : List.of("""
                apiVersion: scheduling.k8s.io/v1
                kind: PriorityClass
                metadata: {name: system-cluster-critical}
                value: 2000000000
                description: Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.
                """, """
                apiVersion: scheduling.k8s.io/v1
                kind: PriorityClass
                metadata: {name: system-node-critical}
                value: 2000001000
                description: Used for system critical pods that must not be moved from their current node.
                """, """
                apiVersion: storage.k8s.io/v1
                kind: StorageClass
                metadata:
                  name: standard
                  annotations: {storageclass.kubernetes.io/is-default-class: "true"}
                provisioner: sandbox.mooring.io/hostpath
                reclaimPolicy: Delete
                volumeBindingMode: Immediate
                """)) {
            ObjectNode object = (ObjectNode) new YamlReader().readOne("bootstrap", manifest);
            var type = api.typeOf(object.path("apiVersion").asText(), object.path("kind").asText());
            try {
                api.create(type, "", object, WRITER);
            } catch (ApiException e) {
                if (e.code() != 409) {
                    throw e;
                }
            }
        }
    }

    /** The controllers to start once the API is up. */
    public List<Controller> controllers(ResourceApi api) {
        this.api.set(api);
        return List.of(new GarbageCollector(api), new NamespaceController(api), new CrdController(api, crds),
                new ServiceController(api, addresses, LOAD_BALANCER_DELAY), new IngressController(api, LOAD_BALANCER_DELAY),
                new EndpointsController(api), new VolumeController(api),
                new ServiceAccountController(api, ServiceAccountController.sandboxCaBundle()));
    }
}
