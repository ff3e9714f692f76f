package io.mooring.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.mooring.app.ApplicationStatus;
import io.mooring.app.Applications;
import io.mooring.cluster.ClusterClient;
import io.mooring.cluster.Informers;
import io.mooring.cluster.LiveState;
import io.mooring.config.Application;
import io.mooring.git.Commit;
import io.mooring.plan.SyncPlan;
import io.mooring.resource.ManifestException;
import io.mooring.secrets.KeyRenewal;
import io.mooring.secrets.SecretsSettings;
import io.mooring.sync.Comparison;
import io.mooring.sync.Renderings;
import io.mooring.sync.SourceException;
import io.mooring.sync.SyncEngine;
import io.mooring.sync.SyncOptions;
import io.mooring.sync.SyncResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps every Application synced: an informer on Applications, the live state's informers on the
 * objects they own, a work queue, and workers that compare and, when the policy says so, sync.
 * A change to an Application, to one of its objects, a refresh request or the poll timer queues
 * it; a worker fetches (at most once per poll interval per repository, unless a refresh asks),
 * compares, syncs when automated and needed, and writes the status only when it changed.
 *
 * <p>Restarting it loses nothing: what to do is recomputed from Git and the cluster, and server-side
 * apply of an unchanged object is never sent.
 */
public final class ApplicationController implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApplicationController.class);

    private final ClusterClient cluster;
    private final Applications applications;
    private final Renderings renderings;
    private final ControllerSettings settings;
    private final LiveState live;
    private final SyncEngine engine;
    private final WorkQueue<String> queue = new WorkQueue<>();
    private final Map<String, AppState> states = new ConcurrentHashMap<>();
    /** Application name to the keys (namespace/name) of Applications so named: what a live event maps to. */
    private final Map<String, Set<String>> keysByName = new ConcurrentHashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private ScheduledExecutorService timer;
    private SharedIndexInformer<GenericKubernetesResource> informer;
    private volatile boolean running;

    /** What the controller remembers of an application between reconciles (rebuilt from status after a restart). */
    private static final class AppState {
        String refreshSeen = "";
        String syncedSha;
        String failedSha;
        int failures;
        Instant retryAt = Instant.MIN;
        String policyReported;
    }

    public ApplicationController(ClusterClient cluster, Applications applications, Renderings renderings, ControllerSettings settings) {
        this(cluster, applications, renderings, settings, io.mooring.metrics.PlatformMetrics.NONE);
    }

    /** @param metrics told of every sync (the renders and fetches report through {@code renderings}) */
    public ApplicationController(ClusterClient cluster, Applications applications, Renderings renderings, ControllerSettings settings,
                                 io.mooring.metrics.PlatformMetrics metrics) {
        this.cluster = cluster;
        this.applications = applications;
        this.renderings = renderings;
        this.settings = settings;
        this.live = new LiveState(cluster, this::liveChanged);
        this.engine = new SyncEngine(renderings, cluster, live, settings.pollInterval(), metrics);
    }

    public SyncEngine engine() {
        return engine;
    }

    /** Installs the CRDs, lists the cluster's tracked objects, then starts watching and working. */
    public void start() {
        running = true;
        applications.installCrds();
        applications.awaitServed(Duration.ofSeconds(30));
        live.watchAllKinds(Duration.ofMinutes(2));
        var operation = settings.namespace().isEmpty() ? applications.resources().inAnyNamespace()
                : applications.resources().inNamespace(settings.namespace());
        informer = operation.runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource resource) {
                changed(resource);
            }

            @Override
            public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource resource) {
                changed(resource);
            }

            @Override
            public void onDelete(GenericKubernetesResource resource, boolean finalStateUnknown) {
                changed(resource);
            }
        });
        Informers.startAndWait(informer, "Applications", Duration.ofMinutes(2));
        for (int i = 0; i < settings.workers(); i++) {
            workers.add(Thread.ofVirtual().name("mooring-worker-" + i).start(this::work));
        }
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("mooring-poll").factory());
        long poll = settings.pollInterval().toMillis();
        timer.scheduleAtFixedRate(this::resyncAll, poll, poll, TimeUnit.MILLISECONDS);
        // New CRDs (applied by a sync) serve kinds the live state must watch too.
        timer.scheduleWithFixedDelay(() -> {
            try {
                live.watchNewKinds(Duration.ofSeconds(30));
            } catch (RuntimeException e) {
                LOG.warn("cannot refresh the cluster's kinds: {}", e.getMessage());
            }
        }, 10, 10, TimeUnit.SECONDS);
        // The sealing key ring: a first key now if there is none, a new one every renewal period;
        // on a thread of its own, since making an RSA 4096 key takes seconds.
        KeyRenewal renewal = new KeyRenewal(cluster, SecretsSettings.fromEnvironment(), java.time.Clock.systemUTC());
        timer.scheduleWithFixedDelay(() -> Thread.ofVirtual().name("mooring-key-renewal").start(renewal), 0, 1, TimeUnit.HOURS);
    }

    /** Whether the controller has listed the cluster and watches its Applications: what readiness reports. */
    public boolean started() {
        return informer != null && informer.hasSynced();
    }

    /** How many applications wait for a worker: for tests and metrics. */
    public int queued() {
        return queue.size();
    }

    /** Whether no application waits or is being reconciled (retries due later count as waiting). */
    public boolean idle() {
        return queue.idle();
    }

    @Override
    public void close() {
        running = false;
        queue.close();
        // Reconciles in flight finish (a fetch cut in the middle leaves nothing wrong, but says so
        // loudly); the ones still running after a few seconds are interrupted.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        for (Thread worker : workers) {
            try {
                worker.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        workers.forEach(Thread::interrupt);
        if (timer != null) {
            timer.shutdownNow();
        }
        if (informer != null) {
            informer.close();
        }
        live.close();
    }

    private void changed(GenericKubernetesResource resource) {
        String key = resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
        keysByName.computeIfAbsent(resource.getMetadata().getName(), n -> ConcurrentHashMap.newKeySet()).add(key);
        queue.add(key);
    }

    private void liveChanged(String application) {
        for (String key : keysByName.getOrDefault(application, Set.of())) {
            queue.add(key);
        }
    }

    /** Queues every Application, as the poll timer does. */
    public void resyncAll() {
        informer.getStore().list().forEach(this::changed);
    }

    private void work() {
        while (running) {
            String key;
            try {
                key = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (key == null) {
                return;
            }
            try {
                reconcile(key);
            } catch (KubernetesClientException e) {
                LOG.warn("reconciling {} failed, retrying: {}", key, e.getMessage());
                queue.addAfter(key, Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                LOG.error("reconciling {} failed", key, e);
                queue.addAfter(key, Duration.ofSeconds(10));
            } finally {
                queue.done(key);
            }
        }
    }

    /** One pass over one Application: fetch, compare, sync when due, record. */
    void reconcile(String key) {
        GenericKubernetesResource resource = informer.getStore().getByKey(key);
        if (resource == null) {
            forget(key);
            return;
        }
        ObjectNode object = applications.tree(resource);
        AppState state = states.computeIfAbsent(key, k -> restored(object.path("status")));
        String namespace = resource.getMetadata().getNamespace();
        String name = resource.getMetadata().getName();
        JsonNode previous = object.path("status");
        Application application;
        try {
            application = Application.parse(namespace + "/" + name, object);
        } catch (ManifestException e) {
            write(object, previous, ApplicationStatus.sourceFailed(previous, "InvalidSpec", e.getMessage()),
                    current -> ApplicationStatus.sourceFailed(current, "InvalidSpec", e.getMessage()));
            return;
        }
        String refresh = resource.getMetadata().getAnnotations() == null ? ""
                : resource.getMetadata().getAnnotations().getOrDefault(Applications.REFRESH_ANNOTATION, "");
        boolean forced = !refresh.equals(state.refreshSeen);
        state.refreshSeen = refresh;

        Comparison comparison;
        try {
            Commit commit = renderings.resolve(application, null, forced ? Duration.ZERO : settings.pollInterval());
            comparison = engine.compare(application, commit, application.spec().syncPolicy().prune(), false);
        } catch (SourceException e) {
            ObjectNode status = ApplicationStatus.sourceFailed(previous, e.reason(), e.getMessage());
            if (!ApplicationStatus.same(status, previous)) {
                applications.event(object, "Warning", e.reason(), e.getMessage());
            }
            write(object, previous, status, current -> ApplicationStatus.sourceFailed(current, e.reason(), e.getMessage()));
            return;
        }
        ObjectNode status = ApplicationStatus.compared(previous, comparison);
        String blocked = comparison.blockedByPolicy()
                ? "sync of " + comparison.commit().shortSha() + " blocked: " + comparison.policy().summary() : null;
        // Once per verdict: every reconcile that finds the same violations would flood the Application's events.
        if (blocked != null && !blocked.equals(state.policyReported)) {
            applications.event(object, "Warning", "PolicyViolation", blocked);
        }
        state.policyReported = blocked;
        SyncResult result = null;
        if (dueForSync(application, comparison, state)) {
            result = engine.sync(application, comparison, new SyncOptions(null, false,
                    application.spec().syncPolicy().prune(), false, settings.waveTimeout(), e -> { }), Instant.now());
            status = ApplicationStatus.synced(status, result, "automated");
            record(object, result, state, application);
            if (!result.succeeded()) {
                queue.addAfter(key, application.spec().syncPolicy().retry().backoff(state.failures));
            }
        }
        SyncResult synced = result;
        write(object, previous, status, current -> {
            ObjectNode again = ApplicationStatus.compared(current, comparison);
            return synced == null ? again : ApplicationStatus.synced(again, synced, "automated");
        });
    }

    /**
     * Automated sync runs when the plan would change something and either Git moved since the last
     * sync or self-heal is on; a revision that failed stops after the retry limit until Git moves.
     * A revision that an Enforce policy blocks is not tried at all (the status and an Event say why):
     * it syncs as soon as a compare finds it no longer blocked (a fixing commit, a changed policy).
     */
    private boolean dueForSync(Application application, Comparison comparison, AppState state) {
        Application.SyncPolicy policy = application.spec().syncPolicy();
        SyncPlan plan = comparison.plan();
        boolean work = plan.changeCount() > 0 || plan.pruning().decision() == SyncPlan.Pruning.Decision.ALLOWED && !plan.prune().isEmpty();
        if (!policy.automated() || !work || comparison.blockedByPolicy()) {
            return false;
        }
        String sha = comparison.commit().sha();
        if (!sha.equals(state.failedSha)) {
            state.failures = 0;
        } else if (state.failures >= policy.retry().limit() || Instant.now().isBefore(state.retryAt)) {
            return false;
        }
        return !sha.equals(state.syncedSha) || policy.selfHeal();
    }

    private void record(ObjectNode object, SyncResult result, AppState state, Application application) {
        String sha = result.commit().sha();
        if (result.succeeded()) {
            state.syncedSha = sha;
            state.failedSha = null;
            state.failures = 0;
            applications.event(object, "Normal", "SyncSucceeded", "synced " + result.commit().shortSha() + " (" + result.commit().message()
                    + "): " + result.message());
        } else {
            state.failedSha = sha;
            state.failures++;
            state.retryAt = Instant.now().plus(application.spec().syncPolicy().retry().backoff(state.failures));
            applications.event(object, "Warning", "SyncFailed", "sync of " + result.commit().shortSha() + " failed (attempt "
                    + state.failures + " of " + application.spec().syncPolicy().retry().limit() + "): " + result.message());
        }
    }

    /**
     * Writes the status when it changed, only over the version it was computed from: when someone
     * else wrote meanwhile (a sync from the CLI or the API recording its history entry, during a
     * reconcile that may have synced for minutes), the status is read again and {@code recompute}
     * applies the same facts to it, so that neither write is lost.
     */
    private void write(ObjectNode object, JsonNode previous, ObjectNode status, java.util.function.UnaryOperator<JsonNode> recompute) {
        String namespace = object.path("metadata").path("namespace").asText();
        String name = object.path("metadata").path("name").asText();
        JsonNode before = previous;
        ObjectNode next = status;
        String version = object.path("metadata").path("resourceVersion").asText();
        for (int attempt = 1; !ApplicationStatus.same(next, before); attempt++) {
            try {
                applications.writeStatus(namespace, name, next, version);
                break;
            } catch (KubernetesClientException e) {
                if (!Applications.lostRace(e) || attempt >= 5) {
                    throw e;
                }
                ObjectNode current = applications.get(namespace, name).orElse(null);
                if (current == null) {
                    return; // deleted meanwhile
                }
                before = current.path("status");
                next = (ObjectNode) recompute.apply(before);
                version = current.path("metadata").path("resourceVersion").asText();
            }
        }
    }

    /** After a restart, the last synced revision comes back from the status the controller wrote. */
    private static AppState restored(JsonNode status) {
        AppState state = new AppState();
        JsonNode operation = status.path("operationState");
        if ("Succeeded".equals(operation.path("phase").asText())) {
            state.syncedSha = operation.path("revision").asText(null);
        }
        return state;
    }

    private void forget(String key) {
        states.remove(key);
        String name = key.substring(key.indexOf('/') + 1);
        Set<String> keys = keysByName.get(name);
        if (keys != null) {
            keys.remove(key);
        }
    }
}
