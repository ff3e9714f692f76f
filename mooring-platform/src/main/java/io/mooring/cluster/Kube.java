package io.mooring.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Connections to clusters through the standard kubeconfig, with a count of the requests sent. */
public final class Kube {
    private Kube() {
    }

    /** Requests sent by one client, watches included: what benchmarks and tests of idle resyncs read. */
    public static final class RequestCounter implements Interceptor {
        private final LongAdder requests = new LongAdder();
        private final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();

        @Override
        public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
            requests.increment();
            byKind.computeIfAbsent(request.method() + " " + resource(request.uri().getPath()), k -> new LongAdder()).increment();
        }

        public long count() {
            return requests.sum();
        }

        /** Requests so far by method and resource ({@code PATCH applications/status}), for a report of what was sent. */
        public Map<String, Long> byKind() {
            Map<String, Long> counts = new TreeMap<>();
            byKind.forEach((kind, count) -> counts.put(kind, count.sum()));
            return counts;
        }

        /** The resource a path names, without namespace and name: {@code /apis/g/v/namespaces/n/plural/name/sub} gives {@code plural/sub}. */
        static String resource(String path) {
            String[] parts = path.split("/");
            int start = path.startsWith("/apis/") ? 4 : path.startsWith("/api/") ? 3 : parts.length;
            if (start + 1 < parts.length && parts[start].equals("namespaces") && start + 2 < parts.length) {
                start += 2;
            }
            if (start >= parts.length) {
                return path;
            }
            return start + 2 < parts.length ? parts[start] + "/" + parts[start + 2] : parts[start];
        }
    }

    /**
     * A client for {@code context} of {@code kubeconfig}; either may be null for kubectl's defaults
     * ({@code $KUBECONFIG}, then {@code ~/.kube/config}, and its current context).
     */
    public static KubernetesClient connect(Path kubeconfig, String context, RequestCounter counter) {
        Config config;
        if (kubeconfig != null) {
            try {
                config = Config.fromKubeconfig(context, Files.readString(kubeconfig), kubeconfig.toString());
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("cannot read kubeconfig " + kubeconfig + ": " + e.getMessage(), e);
            }
        } else {
            config = Config.autoConfigure(context);
        }
        return connect(config, counter);
    }

    /** A client for a configuration made elsewhere (tests shorten its timeouts). */
    public static KubernetesClient connect(Config config, RequestCounter counter) {
        // Mooring retries what it sends itself (Retrying), so the client's own backoff stays short.
        config.setRequestRetryBackoffLimit(2);
        // Watches as chunked HTTP responses, as client-go (kubectl, controllers) sends them: every
        // API server and proxy serves those, not all upgrade to WebSocket.
        config.setOnlyHttpWatches(true);
        return new KubernetesClientBuilder().withConfig(config)
                .withHttpClientBuilderConsumer(builder -> {
                    if (counter != null) {
                        builder.addOrReplaceInterceptor("mooring-request-counter", counter);
                    }
                })
                .build();
    }
}
