package io.mooring.cli.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.sandbox.SandboxException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How much a cluster holds, asked over its API as any client would: every listable resource of
 * the preferred version of each group (found by discovery), counted with one-item pages and their
 * {@code remainingItemCount}; pods listed whole to count the ready ones.
 */
record ClusterCounts(long objects, long namespaces, long nodes, long pods, long readyPods) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static ClusterCounts of(String url) {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            Api api = new Api(client, url);
            long objects = 0;
            for (String path : api.listablePaths()) {
                objects += api.count(path);
            }
            long ready = 0;
            for (JsonNode pod : api.get("/api/v1/pods").path("items")) {
                for (JsonNode condition : pod.path("status").path("conditions")) {
                    if (condition.path("type").asText().equals("Ready") && condition.path("status").asText().equals("True")) {
                        ready++;
                    }
                }
            }
            return new ClusterCounts(objects, api.count("/api/v1/namespaces"), api.count("/api/v1/nodes"), api.count("/api/v1/pods"), ready);
        }
    }

    private record Api(HttpClient client, String url) {
        /** The collection paths of every resource that can be listed, one version per group. */
        List<String> listablePaths() {
            List<String> groupVersions = new ArrayList<>();
            get("/api").path("versions").forEach(v -> groupVersions.add("/api/" + v.asText()));
            get("/apis").path("groups").forEach(g -> groupVersions.add("/apis/" + g.path("preferredVersion").path("groupVersion").asText()));
            List<String> paths = new ArrayList<>();
            for (String groupVersion : groupVersions) {
                for (JsonNode resource : get(groupVersion).path("resources")) {
                    String name = resource.path("name").asText();
                    boolean listable = false;
                    for (JsonNode verb : resource.path("verbs")) {
                        listable |= verb.asText().equals("list");
                    }
                    if (listable && !name.contains("/")) {
                        paths.add(groupVersion + "/" + name);
                    }
                }
            }
            return paths;
        }

        long count(String path) {
            JsonNode page = get(path + "?limit=1");
            return page.path("items").size() + page.path("metadata").path("remainingItemCount").asLong(0);
        }

        JsonNode get(String path) {
            try {
                HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(url + path))
                        .timeout(Duration.ofSeconds(30)).header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new SandboxException("the sandbox's API answered " + response.statusCode() + " to GET " + path);
                }
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new SandboxException("the sandbox's API at " + url + " does not answer: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SandboxException("interrupted while asking the sandbox", e);
            }
        }
    }
}
