package io.mooring.web.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The queue between deliveries and refreshes: bounded, matching by repository and path, coalescing per Application. */
class RefreshQueueTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode application(String name, String path) {
        try {
            return (ObjectNode) JSON.readTree("""
                    {"apiVersion": "mooring.io/v1alpha1", "kind": "Application", "metadata": {"name": "%s", "namespace": "mooring"},
                     "spec": {"source": {"repoURL": "https://git.example.com/platform.git", "targetRevision": "main", "path": "%s"},
                              "destination": {"namespace": "x"}}}
                    """.formatted(name, path));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PushEvent push(String file) {
        return new PushEvent(List.of("git@git.example.com:platform.git"), "refs/heads/main", "main", Set.of(file));
    }

    @Test
    void refreshesOnlyTheApplicationsWhosePathsThePushTouched() {
        ConcurrentLinkedQueue<String> refreshed = new ConcurrentLinkedQueue<>();
        try (RefreshQueue queue = new RefreshQueue(() -> List.of(application("web", "apps/web"), application("db", "apps/db")),
                (ns, name) -> refreshed.add(ns + "/" + name), app -> Optional.of(Set.of(app.spec().source().path())), 8)) {
            assertThat(queue.offer(push("apps/web/deployment.yaml"))).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> refreshed.contains("mooring/web"));
            assertThat(refreshed).as("db's path was not touched").containsExactly("mooring/web");
        }
    }

    @Test
    void aFullQueueRefusesAndPushesForOneApplicationCoalesce() throws InterruptedException {
        CountDownLatch listing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ConcurrentLinkedQueue<String> refreshed = new ConcurrentLinkedQueue<>();
        try (RefreshQueue queue = new RefreshQueue(() -> {
            listing.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of(application("web", "apps/web"));
        }, (ns, name) -> refreshed.add(name), app -> Optional.empty(), 2)) {
            assertThat(queue.offer(push("apps/web/a"))).isTrue();
            assertThat(listing.await(5, TimeUnit.SECONDS)).as("the first push is being matched").isTrue();
            assertThat(queue.offer(push("apps/web/b"))).isTrue();
            assertThat(queue.offer(push("apps/web/c"))).isTrue();
            assertThat(queue.offer(push("apps/web/d"))).as("two wait already: the queue is full").isFalse();
            release.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> !refreshed.isEmpty());
            Thread.sleep(300);
            assertThat(refreshed.size()).as("three pushes for one Application, refreshed at most once per wave: " + refreshed).isLessThanOrEqualTo(3);
        }
    }
}
