package io.mooring.web.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.app.ApplicationActions;
import io.mooring.config.Application;
import io.mooring.controller.WorkQueue;
import io.mooring.resource.ManifestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Between a webhook delivery and the controller: deliveries wait in a bounded queue (full: the
 * delivery is answered 503 and the host retries later); one worker matches each push against the
 * Applications and queues a refresh per matching Application in a {@link WorkQueue}, which
 * coalesces: ten pushes that concern one Application while its refresh is pending cost one refresh.
 */
public final class RefreshQueue implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshQueue.class);
    private static final int REFRESHERS = 4;

    private final Supplier<List<ObjectNode>> applications;
    private final BiConsumer<String, String> refresh;
    private final Function<Application, Optional<Set<String>>> inputs;
    private final BlockingQueue<PushEvent> deliveries;
    private final WorkQueue<String> refreshes = new WorkQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    /**
     * @param applications the Application resources a push is matched against (listed for each push)
     * @param refresh      asks the controller to fetch and compare one Application (namespace, name)
     * @param inputs       the paths an Application's last render read (the controller's renders), for matching a push's files
     * @param capacity     how many deliveries may wait
     */
    public RefreshQueue(Supplier<List<ObjectNode>> applications, BiConsumer<String, String> refresh,
                        Function<Application, Optional<Set<String>>> inputs, int capacity) {
        this.applications = applications;
        this.refresh = refresh;
        this.inputs = inputs;
        this.deliveries = new ArrayBlockingQueue<>(capacity);
        threads.add(Thread.ofVirtual().name("mooring-webhook-matcher").start(this::match));
        for (int i = 0; i < REFRESHERS; i++) {
            threads.add(Thread.ofVirtual().name("mooring-webhook-refresh-" + i).start(this::refresh));
        }
    }

    /** Queues a push; false when the queue is full. */
    public boolean offer(PushEvent push) {
        return running && deliveries.offer(push);
    }

    private void match() {
        while (running) {
            PushEvent push;
            try {
                push = deliveries.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                for (ObjectNode resource : applications.get()) {
                    Application application;
                    try {
                        application = ApplicationActions.parse(resource);
                    } catch (ManifestException e) {
                        continue; // an invalid Application follows nothing; its status says why
                    }
                    Application.Source source = application.spec().source();
                    if (PushMatcher.matches(push, source.repoURL(), source.targetRevision(), inputs.apply(application))) {
                        refreshes.add(resource.path("metadata").path("namespace").asText() + "/" + application.name());
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("cannot match a push of {} against the Applications: {}", push.repoUrls(), e.getMessage());
            }
        }
    }

    private void refresh() {
        while (running) {
            String key;
            try {
                key = refreshes.take();
            } catch (InterruptedException e) {
                return;
            }
            if (key == null) {
                return;
            }
            try {
                int slash = key.indexOf('/');
                refresh.accept(key.substring(0, slash), key.substring(slash + 1));
            } catch (RuntimeException e) {
                LOG.warn("cannot request a refresh of {}: {}", key, e.getMessage());
            } finally {
                refreshes.done(key);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        refreshes.close();
        threads.forEach(Thread::interrupt);
    }
}
