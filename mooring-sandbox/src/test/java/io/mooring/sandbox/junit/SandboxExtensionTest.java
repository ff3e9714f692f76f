package io.mooring.sandbox.junit;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.mooring.sandbox.Sandbox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** One cluster per test class, injected as a Sandbox or a fabric8 client. */
@SandboxTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxExtensionTest {
    private static final Set<String> URLS = new HashSet<>();

    @BeforeAll
    static void recordTheClassCluster(Sandbox sandbox) {
        URLS.add(sandbox.url());
    }

    @Test
    @Order(1)
    void aClientIsConnectedToTheClassSandbox(KubernetesClient client, Sandbox sandbox) {
        assertThat(client.getMasterUrl().toString()).as("the client talks to this class's sandbox").startsWith(sandbox.url());
        client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
                .withNewMetadata().withName("left-by-the-first-test").endMetadata().build()).create();
    }

    @Test
    @Order(2)
    void testsOfOneClassShareTheCluster(KubernetesClient client, Sandbox sandbox) {
        assertThat(URLS).as("beforeAll and the tests get the same sandbox").containsExactly(sandbox.url());
        assertThat(client.configMaps().inNamespace("default").withName("left-by-the-first-test").get())
                .as("what an earlier test of the class created").isNotNull();
    }

    @Test
    @Order(3)
    void theClientWatches(KubernetesClient client) throws InterruptedException {
        CountDownLatch added = new CountDownLatch(1);
        try (Watch watch = client.configMaps().inNamespace("default").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, ConfigMap configMap) {
                if (configMap.getMetadata().getName().equals("watched")) {
                    added.countDown();
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
                    .withNewMetadata().withName("watched").endMetadata().build()).create();
            assertThat(added.await(10, TimeUnit.SECONDS)).as("the watch delivered the new configmap").isTrue();
        }
    }

    @Nested
    class NestedClass {
        @Test
        void sharesTheEnclosingClassCluster(Sandbox sandbox) {
            assertThat(URLS).containsExactly(sandbox.url());
        }
    }
}
