package io.mooring.sandbox.cluster.network;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.api.Admission.Operation;
import io.mooring.sandbox.cluster.defaults.Defaulting;
import io.mooring.sandbox.store.ApiException;
import io.mooring.sandbox.store.ObjectStore;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static io.mooring.sandbox.cluster.Fixtures.node;
import static io.mooring.sandbox.cluster.Fixtures.type;
import static io.mooring.sandbox.cluster.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The registry's allocation steps, without a server: an empty store and a seeded random source. */
class ServiceAllocationTest {
    private final ServiceAllocation allocation = new ServiceAllocation(new ServiceAddresses(new ObjectStore(), new Random(42)));
    private final Defaulting defaulting = new Defaulting();

    private ObjectNode admit(String manifest, ObjectNode existing) {
        ObjectNode service = yaml(manifest);
        Operation operation = existing == null ? Operation.CREATE : Operation.UPDATE;
        defaulting.admit(operation, type("", "services"), service, existing);
        allocation.admit(operation, type("", "services"), service, existing);
        return service;
    }

    @Test
    void externalNameServicesGetNeitherAddressesNorFamilies() {
        ObjectNode service = admit("metadata: {name: ext}\nspec: {type: ExternalName, externalName: db.example.com}", null);
        assertThat(service.get("spec")).isEqualTo(node("{type: ExternalName, externalName: db.example.com, sessionAffinity: None}"));
    }

    @Test
    void anUpdateThatOmitsAllocatedValuesKeepsThem() {
        ObjectNode created = admit("metadata: {name: np}\nspec: {type: NodePort, ports: [{name: http, port: 80}]}", null);
        ObjectNode updated = admit("metadata: {name: np}\nspec: {type: NodePort, ports: [{name: http, port: 80}]}", created);
        assertThat(updated.at("/spec/clusterIP")).isEqualTo(created.at("/spec/clusterIP"));
        assertThat(updated.at("/spec/ports/0/nodePort")).isEqualTo(created.at("/spec/ports/0/nodePort"));
        assertThat(updated.at("/spec/ipFamilies")).isEqualTo(node("[IPv4]"));
    }

    @Test
    void becomingAnExternalNameGivesTheAddressBack() {
        ObjectNode created = admit("metadata: {name: a}\nspec: {clusterIP: 10.96.5.5, ports: [{port: 80}]}", null);
        ObjectNode external = admit("metadata: {name: a}\nspec: {type: ExternalName, externalName: x.example.com, clusterIP: 10.96.5.5, "
                + "clusterIPs: [10.96.5.5], ipFamilies: [IPv4], ipFamilyPolicy: SingleStack, ports: [{port: 80}]}", created);
        assertThat(external.path("spec").has("clusterIP")).as("unchanged allocated fields are dropped").isFalse();
        assertThat(external.path("spec").has("ipFamilies")).isFalse();
        assertThatCode(() -> admit("metadata: {name: b}\nspec: {clusterIP: 10.96.5.5, ports: [{port: 80}]}", null))
                .as("the address is free again").doesNotThrowAnyException();
    }

    @Test
    void aFailedAllocationGivesBackWhatItTook() {
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> admit("metadata: {name: a}\nspec: {type: NodePort, clusterIP: 10.96.7.7, ports: [{port: 80, nodePort: 80}]}", null));
        assertThat(e.getMessage()).isEqualTo("Service \"a\" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in "
                + "the valid range. The range of valid ports is 30000-32767");
        assertThatCode(() -> admit("metadata: {name: b}\nspec: {clusterIP: 10.96.7.7, ports: [{port: 80}]}", null))
                .as("the cluster IP taken before the failure was released").doesNotThrowAnyException();
    }

    @Test
    void dualStackIsRefusedOnThisSingleStackCluster() {
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> admit("metadata: {name: a}\nspec: {ipFamilyPolicy: RequireDualStack, ports: [{port: 80}]}", null));
        assertThat(e.getMessage()).isEqualTo("Service \"a\" is invalid: spec.ipFamilyPolicy: Invalid value: \"RequireDualStack\": "
                + "this cluster is not configured for dual-stack services");
        ObjectNode preferred = admit("metadata: {name: b}\nspec: {ipFamilyPolicy: PreferDualStack, ports: [{port: 80}]}", null);
        assertThat(preferred.at("/spec/ipFamilies")).isEqualTo(node("[IPv4]"));
    }
}
