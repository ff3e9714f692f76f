package io.mooring.bench;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The objects the sandbox benchmark writes: pods as a Deployment's template makes them (one
 * container with requests, limits, ports, probes and env, about 1 KB of JSON), nodes with
 * capacity, and the Deployment mix. A pod requests 50m CPU and 128 MiB, so that 10,000 of them fit
 * on 100 nodes of 8 CPUs and 110 pods each (the sandbox's smallest simulated instance type).
 */
final class BenchObjects {
    private BenchObjects() {
    }

    /** How many Deployments have how many replicas; scaled so that the replicas add up to the pods asked for. */
    record Mix(int deployments, int replicas) {
    }

    /** 40% of the pods in Deployments of 5, 20% of 10, 20% of 50, 20% of 100: many small services, a few big ones. */
    static List<Mix> deploymentMix(int pods) {
        List<Mix> mix = new ArrayList<>();
        int left = pods;
        for (int[] share : new int[][]{{20, 100}, {20, 50}, {20, 10}}) {
            int deployments = pods * share[0] / 100 / share[1];
            if (deployments > 0) {
                mix.add(new Mix(deployments, share[1]));
                left -= deployments * share[1];
            }
        }
        if (left / 5 > 0) {
            mix.add(new Mix(left / 5, 5));
        }
        if (left % 5 > 0) {
            mix.add(new Mix(1, left % 5));
        }
        return mix;
    }

    static Namespace namespace(String name) {
        return new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build();
    }

    /** Creates the namespace unless it exists. */
    static void ensureNamespace(KubernetesClient client, String name) {
        try {
            client.namespaces().resource(namespace(name)).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }

    static Pod pod(String namespace, int index) {
        String app = "app-" + index % 100;
        return new PodBuilder()
                .withNewMetadata().withName("pod-" + index).withNamespace(namespace)
                .withLabels(Map.of("app.kubernetes.io/name", app, "app.kubernetes.io/part-of", "bench", "tier", index % 2 == 0 ? "web" : "worker"))
                .withAnnotations(Map.of("bench.mooring.io/index", Integer.toString(index)))
                .endMetadata()
                .withNewSpec().withContainers(container(app)).withRestartPolicy("Always")
                .withTerminationGracePeriodSeconds(30L).endSpec()
                .build();
    }

    static Node node(int index) {
        Map<String, Quantity> capacity = Map.of("cpu", new Quantity("16"), "memory", new Quantity("64Gi"), "pods", new Quantity("110"));
        return new NodeBuilder()
                .withNewMetadata().withName("bench-node-" + index)
                .withLabels(Map.of("kubernetes.io/hostname", "bench-node-" + index, "node.kubernetes.io/instance-type", "m5.4xlarge",
                        "topology.kubernetes.io/zone", "zone-" + index % 3))
                .endMetadata()
                .withNewStatus().withCapacity(capacity).withAllocatable(capacity).endStatus()
                .build();
    }

    static Deployment deployment(String namespace, String name, int replicas) {
        Map<String, String> labels = Map.of("app.kubernetes.io/name", name);
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec().withContainers(container(name)).endSpec().endTemplate()
                .endSpec()
                .build();
    }

    private static Container container(String app) {
        return new ContainerBuilder()
                .withName("app").withImage("registry.example.com/bench/" + app + ":1.4.2")
                .addNewPort().withName("http").withContainerPort(8080).withProtocol("TCP").endPort()
                .addNewEnv().withName("APP_NAME").withValue(app).endEnv()
                .addNewEnv().withName("LOG_FORMAT").withValue("json").endEnv()
                .withNewResources()
                .withRequests(Map.of("cpu", new Quantity("50m"), "memory", new Quantity("128Mi")))
                .withLimits(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("256Mi")))
                .endResources()
                .withNewReadinessProbe().withNewHttpGet().withPath("/ready").withNewPort("http").endHttpGet()
                .withPeriodSeconds(5).endReadinessProbe()
                .build();
    }
}
