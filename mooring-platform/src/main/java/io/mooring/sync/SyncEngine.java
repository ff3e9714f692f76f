package io.mooring.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mooring.cluster.ClusterClient;
import io.mooring.cluster.LiveView;
import io.mooring.cluster.ResourceType;
import io.mooring.cluster.UnknownKindException;
import io.mooring.config.Application;
import io.mooring.diff.DiffState;
import io.mooring.git.Commit;
import io.mooring.health.Health;
import io.mooring.health.HealthRules;
import io.mooring.health.HealthStatus;
import io.mooring.metrics.PlatformMetrics;
import io.mooring.plan.DesiredState;
import io.mooring.plan.SyncPlan;
import io.mooring.plan.SyncPlanner;
import io.mooring.resource.Manifest;
import io.mooring.resource.ManifestException;
import io.mooring.resource.ResourceKey;
import io.mooring.secrets.SecretException;
import io.mooring.secrets.SecretResolver;
import io.mooring.secrets.SecretsSettings;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares and syncs one application: resolve its revision, render, place and track the objects,
 * guard them with the application's policies, plan against the live view, apply wave by wave (each
 * wave healthy before the next), prune last. Whatever fails before the plan (Git, render, a policy
 * that cannot be read) stops the sync before any write, and so does an Enforce policy violation.
 */
public final class SyncEngine {
    private static final Duration POLL = Duration.ofMillis(100);

    private final Renderings renderings;
    private final ClusterClient cluster;
    private final LiveView live;
    private final SecretResolver secrets;
    private final PolicyGuard guard;
    private final PlatformMetrics metrics;

    public SyncEngine(Renderings renderings, ClusterClient cluster, LiveView live) {
        this(renderings, cluster, live, Duration.ZERO);
    }

    /**
     * @param policyMaxAge how long a fetch of a separate policy repository, or a list of the
     *                     cluster's Kyverno policies, is reused (the controller's poll interval)
     */
    public SyncEngine(Renderings renderings, ClusterClient cluster, LiveView live, Duration policyMaxAge) {
        this(renderings, cluster, live, policyMaxAge, PlatformMetrics.NONE);
    }

    /** @param metrics told how each sync ended and how long it took */
    public SyncEngine(Renderings renderings, ClusterClient cluster, LiveView live, Duration policyMaxAge, PlatformMetrics metrics) {
        this(renderings, cluster, live, new SecretResolver(cluster, SecretsSettings.fromEnvironment(), Clock.systemUTC()), policyMaxAge, metrics);
    }

    /** @param secrets turns SealedSecrets and ExternalSecrets of a render into Secrets */
    public SyncEngine(Renderings renderings, ClusterClient cluster, LiveView live, SecretResolver secrets) {
        this(renderings, cluster, live, secrets, Duration.ZERO);
    }

    public SyncEngine(Renderings renderings, ClusterClient cluster, LiveView live, SecretResolver secrets, Duration policyMaxAge) {
        this(renderings, cluster, live, secrets, policyMaxAge, PlatformMetrics.NONE);
    }

    private SyncEngine(Renderings renderings, ClusterClient cluster, LiveView live, SecretResolver secrets, Duration policyMaxAge,
                       PlatformMetrics metrics) {
        this.renderings = renderings;
        this.cluster = cluster;
        this.live = live;
        this.secrets = secrets;
        this.guard = new PolicyGuard(new PolicySources(renderings, cluster, policyMaxAge));
        this.metrics = metrics;
    }

    /**
     * Compares the application at {@code revision} (null: its own) with the cluster; writes nothing.
     *
     * @throws SourceException when Git, the render or the policies fail
     */
    public Comparison compare(Application application, String revision) {
        Commit commit = renderings.resolve(application, revision);
        return compare(application, commit, false, false);
    }

    /** Compares at a known commit (the controller resolved it already). */
    public Comparison compare(Application application, Commit commit, boolean prune, boolean confirmPrune) {
        Rendered rendered = renderings.render(application, commit);
        List<Manifest> manifests;
        List<ObjectNode> desired;
        try {
            manifests = secrets.resolve(application, rendered.manifests());
            desired = DesiredState.prepare(application, manifests, (group, kind) ->
                    cluster.types().find(group, kind).map(ResourceType::namespaced));
        } catch (SecretException e) {
            throw new SourceException("SecretError", e.getMessage(), e);
        } catch (ManifestException e) {
            throw new SourceException("RenderError", e.getMessage(), e);
        }
        PolicyVerdict policy = guard.check(application, commit, manifests, desired).orElse(null);
        List<ObjectNode> owned = live.owned(application.name());
        SyncPlan plan = SyncPlanner.plan(application, desired, owned, prune, confirmPrune);
        List<Comparison.ResourceStatus> resources = new ArrayList<>();
        HealthStatus worst = HealthStatus.HEALTHY;
        String message = "";
        for (SyncPlan.Wave wave : plan.waves()) {
            for (SyncPlan.Step step : wave.steps()) {
                ObjectNode current = step.diff().state() == DiffState.MISSING ? null : live.get(application.name(), step.key()).orElse(null);
                Health health = current == null ? Health.missing() : HealthRules.assess(current).orElse(null);
                if (health != null && health.status().isWorseThan(worst)) {
                    worst = health.status();
                    message = step.key() + ": " + health.message();
                }
                resources.add(new Comparison.ResourceStatus(step.key(), step.diff().state(), health, current, false));
            }
        }
        for (ResourceKey key : plan.prune()) {
            resources.add(new Comparison.ResourceStatus(key, DiffState.OUT_OF_SYNC, null, live.get(application.name(), key).orElse(null), true));
        }
        return new Comparison(commit, plan, List.copyOf(resources), new Health(worst, message), policy);
    }

    /** Syncs the application; never throws for a failure it can describe, which it returns instead. */
    public SyncResult sync(Application application, SyncOptions options) {
        Instant started = Instant.now();
        Comparison comparison;
        try {
            Commit commit = renderings.resolve(application, options.revision());
            comparison = compare(application, commit, options.prune(), options.confirmPrune());
        } catch (SourceException e) {
            SyncResult failed = new SyncResult(null, SyncResult.Phase.FAILED, e.getMessage(), List.of(), List.of(), started, Instant.now());
            record(failed, "manual");
            return failed;
        }
        return record(syncPlanned(application, comparison, options, started), "manual");
    }

    /** Syncs from a comparison just made (the controller compares first, and syncs only when needed). */
    public SyncResult sync(Application application, Comparison comparison, SyncOptions options, Instant started) {
        return record(syncPlanned(application, comparison, options, started), "automated");
    }

    private SyncResult record(SyncResult result, String trigger) {
        metrics.synced(result.phase().toString(), trigger, Duration.between(result.started(), result.finished()));
        return result;
    }

    private SyncResult syncPlanned(Application application, Comparison comparison, SyncOptions options, Instant started) {
        PolicyVerdict policy = comparison.policy();
        if (policy != null) {
            options.progress().accept(new SyncEvent.Checked(policy));
            if (policy.blocked()) {
                return new SyncResult(comparison.commit(), SyncResult.Phase.FAILED, "blocked by policy, nothing applied: " + policy.summary(),
                        List.of(), List.of(), started, Instant.now());
            }
        }
        SyncPlan plan = comparison.plan();
        List<ResourceKey> applied = new ArrayList<>();
        List<ResourceKey> pruned = new ArrayList<>();
        List<SyncPlan.Wave> waves = plan.waves();
        // A dry run cannot ask the server about objects in a namespace the same sync would create
        // (it does not exist yet): those are planned, not sent.
        Set<String> newNamespaces = waves.stream().flatMap(w -> w.steps().stream())
                .filter(s -> s.key().group().isEmpty() && s.key().kind().equals("Namespace") && s.diff().state() == DiffState.MISSING)
                .map(s -> s.key().name()).collect(Collectors.toSet());
        try {
            for (int i = 0; i < waves.size(); i++) {
                SyncPlan.Wave wave = waves.get(i);
                List<SyncPlan.Step> changes = wave.steps().stream().filter(SyncPlan.Step::changes).toList();
                options.progress().accept(new SyncEvent.WaveStarted(wave.number(), changes.size()));
                List<ObjectNode> results = new ArrayList<>();
                for (SyncPlan.Step step : changes) {
                    if (!options.dryRun() || !newNamespaces.contains(step.key().namespace())) {
                        results.add(cluster.apply(step.desired(), options.dryRun()));
                    }
                    applied.add(step.key());
                    options.progress().accept(new SyncEvent.Applied(step.key(), step.diff().state()));
                }
                boolean later = i < waves.size() - 1 || plan.pruning().decision() == SyncPlan.Pruning.Decision.ALLOWED;
                if (!options.dryRun() && later) {
                    awaitHealthy(application, wave, results, options);
                }
            }
            String pruneNote = "";
            switch (plan.pruning().decision()) {
                case ALLOWED -> {
                    for (ResourceKey key : plan.prune()) {
                        cluster.delete(key, options.dryRun());
                        pruned.add(key);
                        options.progress().accept(new SyncEvent.Pruned(key));
                    }
                }
                case NOT_REQUESTED, NEEDS_CONFIRMATION, REFUSED -> pruneNote = "; " + plan.pruning().reason();
            }
            long warnings = policy == null ? 0 : policy.report().warnings();
            String message = (options.dryRun() ? "dry run: " : "") + applied.size() + " applied, " + pruned.size() + " pruned" + pruneNote
                    + (warnings == 0 ? "" : "; " + warnings + (warnings == 1 ? " policy warning" : " policy warnings") + " (Audit)");
            SyncResult.Phase phase = plan.pruning().decision() == SyncPlan.Pruning.Decision.NEEDS_CONFIRMATION
                    || plan.pruning().decision() == SyncPlan.Pruning.Decision.REFUSED ? SyncResult.Phase.FAILED : SyncResult.Phase.SUCCEEDED;
            return new SyncResult(comparison.commit(), phase, message, List.copyOf(applied), List.copyOf(pruned), started, Instant.now());
        } catch (KubernetesClientException | UnknownKindException | WaveTimeoutException e) {
            return new SyncResult(comparison.commit(), SyncResult.Phase.FAILED, failure(e), List.copyOf(applied), List.copyOf(pruned),
                    started, Instant.now());
        }
    }

    /**
     * Waits until every object of the wave is healthy (or has no health), seen at least at the
     * generation the apply produced, so that a stale cache entry cannot pass for the new state.
     */
    private void awaitHealthy(Application application, SyncPlan.Wave wave, List<ObjectNode> results, SyncOptions options) {
        Instant deadline = Instant.now().plus(options.waveTimeout());
        Map<String, Long> generations = new HashMap<>();
        for (ObjectNode result : results) {
            generations.put(identity(ResourceKey.of(result)), result.path("metadata").path("generation").asLong(0));
        }
        for (SyncPlan.Step step : wave.steps()) {
            long generation = generations.getOrDefault(identity(step.key()), 0L);
            Health last = null;
            while (true) {
                Optional<ObjectNode> current = live.get(application.name(), step.key())
                        .filter(o -> o.path("metadata").path("generation").asLong(0) >= generation);
                Health health = current.map(o -> HealthRules.assess(o).orElse(Health.healthy(""))).orElse(Health.missing());
                if (health.status() == HealthStatus.DEGRADED) {
                    throw new WaveTimeoutException("wave " + wave.number() + ": " + step.key() + " is Degraded: " + health.message());
                }
                // A suspended object (a paused Deployment) is as its author wants it.
                if (health.status() == HealthStatus.HEALTHY || health.status() == HealthStatus.SUSPENDED) {
                    break;
                }
                if (!health.equals(last)) {
                    options.progress().accept(new SyncEvent.Waiting(step.key(), health));
                    last = health;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new WaveTimeoutException("wave " + wave.number() + " did not become healthy within " + options.waveTimeout()
                            + ": " + step.key() + " is " + health.status().text() + (health.message().isEmpty() ? "" : ": " + health.message()));
                }
                sleep();
            }
        }
    }

    /** An object whatever the version it was read at. */
    private static String identity(ResourceKey key) {
        return key.group() + "/" + key.kind() + "/" + key.namespace() + "/" + key.name();
    }

    private static String failure(RuntimeException e) {
        if (e instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null) {
            return "the API server refused " + (k.getName() == null ? "a request" : k.getFullResourceName() + " " + k.getName()) + ": "
                    + k.getStatus().getMessage();
        }
        return e.getMessage();
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WaveTimeoutException("interrupted while waiting for the wave to become healthy");
        }
    }

    /** A wave that did not become healthy in time, or became Degraded. */
    static final class WaveTimeoutException extends RuntimeException {
        WaveTimeoutException(String message) {
            super(message);
        }
    }
}
