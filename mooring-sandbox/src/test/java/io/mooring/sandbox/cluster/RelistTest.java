package io.mooring.sandbox.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.api.ResourceApi;
import io.mooring.sandbox.api.WriteOptions;
import io.mooring.sandbox.apply.ResourceSchemas;
import io.mooring.sandbox.apply.SchemaPatchEngine;
import io.mooring.sandbox.catalog.ApiCatalog;
import io.mooring.sandbox.cluster.gc.GarbageCollector;
import io.mooring.sandbox.cluster.network.EndpointsController;
import io.mooring.sandbox.control.Controller;
import io.mooring.sandbox.store.ObjectStore;
import io.mooring.sandbox.store.WatchEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static io.mooring.sandbox.cluster.Fixtures.type;
import static io.mooring.sandbox.cluster.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Controllers whose watch starts over: objects removed while the watch was down sent no DELETED,
 * so what a controller remembers must be rebuilt from the relist. The controllers run by hand
 * here, on an API without any running, so that the test decides which events they see.
 */
class RelistTest {
    private static final WriteOptions CLIENT = WriteOptions.by("test");

    private ResourceApi api;

    @BeforeEach
    void bareApi() {
        Clock clock = Clock.systemUTC();
        api = new ResourceApi(ApiCatalog.kubernetes(), new ObjectStore(), clock, List.of(),
                new SchemaPatchEngine(ResourceSchemas.kubernetes(), clock));
        api.create(type("", "namespaces"), "", yaml("metadata: {name: ns}"), CLIENT);
    }

    @Test
    void garbageCollectorCollectsADependentWhoseOwnerWentWhileItsWatchWasDown() {
        ObjectNode owner = api.create(type("", "configmaps"), "ns", yaml("metadata: {name: owner}"), CLIENT);
        api.create(type("", "configmaps"), "ns", yaml("""
                metadata:
                  name: dependent
                  ownerReferences: [{apiVersion: v1, kind: ConfigMap, name: owner, uid: %s}]
                """.formatted(owner.at("/metadata/uid").asText())), CLIENT);
        GarbageCollector collector = new GarbageCollector(api);
        replay(collector, "/configmaps");

        api.delete(type("", "configmaps"), "ns", "owner", "Background", null, false); // unseen: the watch is down
        collector.relist();
        replay(collector, "/configmaps");

        assertThat(api.store().get("/configmaps", "ns", "dependent")).as("the dependent of an owner that is gone").isEmpty();
    }

    @Test
    void endpointsOfAServiceRemovedWhileTheWatchWasDownGoAfterTheRelist() {
        // No pod: no later event would name the Service again.
        api.create(type("", "services"), "ns", yaml("metadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80}]}"), CLIENT);
        EndpointsController endpoints = new EndpointsController(api);
        replay(endpoints, "/services", "/pods");
        endpoints.tick(Instant.now());
        assertThat(api.store().get("/endpoints", "ns", "web")).as("the Service's Endpoints, before").isPresent();

        api.delete(type("", "services"), "ns", "web", "Background", null, false); // unseen: the watch is down
        endpoints.relist();
        replay(endpoints, "/services", "/pods");
        endpoints.tick(Instant.now());

        assertThat(api.store().get("/endpoints", "ns", "web")).as("the Endpoints of a Service that is gone").isEmpty();
    }

    /** Every stored object of these resources as ADDED, as a watch that starts over delivers them. */
    private void replay(Controller controller, String... typeKeys) {
        for (String typeKey : typeKeys) {
            for (ObjectNode object : api.store().list(typeKey, null, o -> true).items()) {
                controller.onEvent(new WatchEvent(WatchEvent.Type.ADDED, typeKey, api.store().revision(), object));
            }
        }
    }
}
