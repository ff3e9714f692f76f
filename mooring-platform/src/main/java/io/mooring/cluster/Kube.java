package io.mooring.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.LongAdder;

/** Connections to clusters through the standard kubeconfig, with a count of the requests sent. */
public final class Kube {
    private Kube() {
    }

    /** Requests sent by one client, watches included: what benchmarks and tests of idle resyncs read. */
    public static final class RequestCounter implements Interceptor {
        private final LongAdder requests = new LongAdder();

        @Override
        public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
            requests.increment();
        }

        public long count() {
            return requests.sum();
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
