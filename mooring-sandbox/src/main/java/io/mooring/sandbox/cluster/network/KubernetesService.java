package io.mooring.sandbox.cluster.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.YamlReader;
import io.mooring.sandbox.api.ResourceApi;
import io.mooring.sandbox.api.WriteOptions;
import io.mooring.sandbox.store.ApiException;

/**
 * The {@code kubernetes} Service in {@code default} that every cluster has, at the first cluster
 * IP, with the Endpoints and EndpointSlice the API server keeps for it. Its backend is a
 * simulated control-plane address: clients of the sandbox use the kubeconfig's URL instead.
 */
public final class KubernetesService {
    /** The simulated address of the control plane behind the Service. */
    public static final String API_SERVER_ADDRESS = "172.18.0.2";
    public static final int API_SERVER_PORT = 6443;
    private static final WriteOptions WRITER = WriteOptions.by("kube-apiserver");

    private KubernetesService() {
    }

    /** Creates what is missing of the three objects. */
    public static void ensure(ResourceApi api) {
        create(api, "", "v1", "services", """
                apiVersion: v1
                kind: Service
                metadata:
                  name: kubernetes
                  namespace: default
                  labels: {component: apiserver, provider: kubernetes}
                spec:
                  clusterIP: %s
                  ports: [{name: https, port: 443, protocol: TCP, targetPort: %d}]
                  sessionAffinity: None
                  type: ClusterIP
                """.formatted(ServiceAddresses.API_SERVICE_IP, API_SERVER_PORT));
        create(api, "", "v1", "endpoints", """
                apiVersion: v1
                kind: Endpoints
                metadata:
                  name: kubernetes
                  namespace: default
                  labels: {endpointslice.kubernetes.io/skip-mirror: "true"}
                subsets:
                - addresses: [{ip: %s}]
                  ports: [{name: https, port: %d, protocol: TCP}]
                """.formatted(API_SERVER_ADDRESS, API_SERVER_PORT));
        create(api, "discovery.k8s.io", "v1", "endpointslices", """
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata:
                  name: kubernetes
                  namespace: default
                  labels: {kubernetes.io/service-name: kubernetes}
                addressType: IPv4
                endpoints:
                - addresses: [%s]
                  conditions: {ready: true}
                ports: [{name: https, port: %d, protocol: TCP}]
                """.formatted(API_SERVER_ADDRESS, API_SERVER_PORT));
    }

    private static void create(ResourceApi api, String group, String version, String plural, String manifest) {
        try {
            ObjectNode object = (ObjectNode) new YamlReader().readOne("kubernetes service", manifest);
            api.create(api.catalog().byPlural(group, version, plural).orElseThrow(), "default", object, WRITER);
        } catch (ApiException e) {
            if (e.code() != 409) {
                throw e;
            }
        }
    }
}
