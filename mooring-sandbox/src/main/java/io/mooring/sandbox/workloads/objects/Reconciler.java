package io.mooring.sandbox.workloads.objects;

import io.mooring.sandbox.control.Controller;
import io.mooring.sandbox.store.ApiException;
import io.mooring.sandbox.store.WatchEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The shape of every workload controller, as client-go's informers and work queues give it in
 * Kubernetes: caches fed by the watch, a queue of keys whose objects changed, and a reconcile of
 * each queued key once the controller has caught up with its events (many changes to one
 * object make one reconcile). Work that depends on time asks to be queued again later.
 *
 * <p>A controller acts only after its watch has delivered its own last write, the role of the
 * "expectations" of Kubernetes' controllers: it never counts pods from a cache that misses the
 * ones it just created.
 */
public abstract class Reconciler implements Controller {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    private static final Duration RETRY = Duration.ofSeconds(1);

    protected final Client client;
    protected final Clock clock;
    private final String name;
    private final Map<String, Cache> caches = new LinkedHashMap<>();
    private final LinkedHashSet<String> queue = new LinkedHashSet<>();
    private final PriorityQueue<Later> later = new PriorityQueue<>();
    private final Map<String, Instant> laterByKey = new HashMap<>();
    private Set<String> watched = Set.of();
    private long seen;

    private record Later(Instant at, String key) implements Comparable<Later> {
        @Override
        public int compareTo(Later other) {
            return at.compareTo(other.at);
        }
    }

    protected Reconciler(String name, Client client, Clock clock) {
        this.name = name;
        this.client = client;
        this.clock = clock;
    }

    /** Declares a watched resource and returns its cache; call in the constructor. */
    protected final Cache watch(String typeKey) {
        Cache cache = new Cache();
        caches.put(typeKey, cache);
        client.track(typeKey);
        watched = Set.copyOf(caches.keySet());
        return cache;
    }

    /** A change to a watched object: queue the keys it concerns. */
    protected abstract void changed(String typeKey, Cache.Change change);

    /** Brings the object of one key to what it should be; throws to be retried shortly. */
    protected abstract void reconcile(String key, Instant now);

    /** Forgets what the controller remembers beyond its caches, when its watch starts over. */
    protected void forget() {
    }

    protected final void enqueue(String key) {
        queue.add(key);
    }

    /** Queues the key again after {@code delay} (a pod turning ready, a deadline passing). */
    protected final void enqueueAfter(String key, Duration delay) {
        Instant at = clock.instant().plus(delay);
        Instant current = laterByKey.get(key);
        if (current == null || at.isBefore(current)) {
            laterByKey.put(key, at);
            later.add(new Later(at, key));
        }
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Set<String> watches() {
        return watched;
    }

    @Override
    public final void onEvent(WatchEvent event) {
        seen = Math.max(seen, event.revision());
        Cache cache = caches.get(event.typeKey());
        if (cache == null) {
            return;
        }
        Cache.Change change = cache.apply(event);
        if (change != null) {
            changed(event.typeKey(), change);
        }
    }

    @Override
    public final void caughtUp() {
        drain(clock.instant());
    }

    @Override
    public final void tick(Instant now) {
        while (!later.isEmpty() && !later.peek().at().isAfter(now)) {
            Later due = later.poll();
            if (due.at().equals(laterByKey.get(due.key()))) {
                laterByKey.remove(due.key());
                queue.add(due.key());
            }
        }
        drain(now);
    }

    @Override
    public final void relist() {
        caches.values().forEach(Cache::clear);
        queue.clear();
        later.clear();
        laterByKey.clear();
        seen = 0;
        forget();
    }

    private void drain(Instant now) {
        if (client.lastWrite() > seen || queue.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>(queue);
        queue.clear();
        for (String key : keys) {
            try {
                reconcile(key, now);
            } catch (ApiException e) {
                LOG.debug("{}: {} failed, retrying: {}", name, key, e.getMessage());
                enqueueAfter(key, RETRY);
            } catch (RuntimeException e) {
                LOG.warn("{}: {} failed, retrying", name, key, e);
                enqueueAfter(key, RETRY.multipliedBy(5));
            }
        }
    }
}
