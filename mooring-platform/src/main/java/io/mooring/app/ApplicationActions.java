package io.mooring.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mooring.config.Application;
import io.mooring.sync.PolicyVerdict;
import io.mooring.sync.SourceException;
import io.mooring.sync.SyncEngine;
import io.mooring.sync.SyncEvent;
import io.mooring.sync.SyncOptions;
import io.mooring.sync.SyncResult;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * What a person does to an Application by hand, the same from the CLI ({@code mooring app
 * diff|sync|rollback|history|refresh}) and the REST API: the sync engine runs in the caller's
 * process and the result is recorded in the Application's status and history and as an Event,
 * as the controller records its own syncs.
 */
public final class ApplicationActions {
    private final Applications applications;
    private final SyncEngine engine;

    public ApplicationActions(Applications applications, SyncEngine engine) {
        this.applications = applications;
        this.engine = engine;
    }

    /**
     * A sync asked for by a person.
     *
     * @param revision     a branch, tag or commit; null for the Application's own
     * @param dryRun       validated by the API server, nothing changed, nothing recorded
     * @param prune        null: as the Application's sync policy says
     * @param confirmPrune go ahead with a prune above the Application's threshold
     * @param waveTimeout  how long each wave may take to become healthy
     */
    public record SyncRequest(String revision, boolean dryRun, Boolean prune, boolean confirmPrune, Duration waveTimeout) {
        public static SyncRequest defaults() {
            return new SyncRequest(null, false, null, false, Duration.ofMinutes(5));
        }
    }

    public Applications applications() {
        return applications;
    }

    /** The Application custom resource, or {@link ApplicationNotFoundException}. */
    public ObjectNode resource(String namespace, String name) {
        return applications.get(namespace, name).orElseThrow(() -> new ApplicationNotFoundException(namespace, name));
    }

    /** The Application's spec, parsed; a {@code ManifestException} names what is wrong with it. */
    public static Application parse(ObjectNode resource) {
        JsonNode metadata = resource.path("metadata");
        return Application.parse(metadata.path("namespace").asText() + "/" + metadata.path("name").asText(), resource);
    }

    /**
     * How the cluster differs from Git at {@code revision} (null: the Application's own).
     *
     * @throws SourceException when Git or the render fails
     */
    public ApplicationDiff diff(String namespace, String name, String revision) {
        return ApplicationDiff.of(engine.compare(parse(resource(namespace, name)), revision));
    }

    /** Syncs now and records the result (a dry run records nothing). */
    public SyncResult sync(String namespace, String name, SyncRequest request, String initiatedBy, Consumer<SyncEvent> progress) {
        ObjectNode resource = resource(namespace, name);
        return sync(resource, parse(resource), request, initiatedBy, progress);
    }

    /** The history entry {@code id} of the Application, or {@link ActionRefusedException}. */
    public JsonNode historyEntry(ObjectNode resource, long id) {
        String name = resource.path("metadata").path("name").asText();
        return ApplicationStatus.history(resource.path("status")).stream().filter(h -> h.path("id").asLong() == id).findFirst()
                .orElseThrow(() -> new ActionRefusedException("no history entry " + id + " for " + name + " (see 'mooring app history " + name + "')"));
    }

    /**
     * Checks that a rollback to history entry {@code id} may run and returns that entry. Refused
     * while automated sync is on, as Argo CD refuses it: the controller would sync Git's revision
     * back at once, and the user would believe the rollback held.
     */
    public JsonNode rollbackTarget(ObjectNode resource, long id) {
        Application application = parse(resource);
        if (application.spec().syncPolicy().automated()) {
            throw new ActionRefusedException("rollback of " + application.name() + " refused: it syncs automatically, and the controller "
                    + "would sync Git's revision back; remove spec.syncPolicy.automated first, or revert the commit in Git");
        }
        return historyEntry(resource, id);
    }

    /** Syncs the revision of history entry {@code id}; see {@link #rollbackTarget}. */
    public SyncResult rollback(String namespace, String name, long id, String initiatedBy, Consumer<SyncEvent> progress) {
        ObjectNode resource = resource(namespace, name);
        String revision = rollbackTarget(resource, id).path("revision").asText();
        return sync(resource, parse(resource), new SyncRequest(revision, false, null, false, Duration.ofMinutes(5)),
                initiatedBy + " (rollback to " + id + ")", progress);
    }

    /** The recorded syncs, oldest first. */
    public List<JsonNode> history(String namespace, String name) {
        return ApplicationStatus.history(resource(namespace, name).path("status"));
    }

    /** Asks the controller to fetch and compare now. */
    public void refresh(String namespace, String name) {
        resource(namespace, name);
        applications.requestRefresh(namespace, name);
    }

    private SyncResult sync(ObjectNode resource, Application application, SyncRequest request, String initiatedBy,
                            Consumer<SyncEvent> progress) {
        boolean prune = request.prune() != null ? request.prune() : application.spec().syncPolicy().prune();
        AtomicReference<PolicyVerdict> checked = new AtomicReference<>();
        SyncResult result = engine.sync(application, new SyncOptions(request.revision(), request.dryRun(), prune, request.confirmPrune(),
                request.waveTimeout(), event -> {
                    if (event instanceof SyncEvent.Checked c) {
                        checked.set(c.verdict());
                    }
                    progress.accept(event);
                }));
        if (!request.dryRun()) {
            String namespace = resource.path("metadata").path("namespace").asText();
            String name = resource.path("metadata").path("name").asText();
            record(namespace, name, result, checked.get(), initiatedBy);
            applications.event(resource, result.succeeded() ? "Normal" : "Warning", result.succeeded() ? "SyncSucceeded" : "SyncFailed",
                    result.message());
            applications.requestRefresh(namespace, name);
        }
        return result;
    }

    /**
     * Adds the sync (and the verdict of its guard step) to the status as it is now (not as it was read before a sync of minutes), and
     * again when the controller wrote in between: its history entry must not be lost.
     */
    private void record(String namespace, String name, SyncResult result, PolicyVerdict verdict, String initiatedBy) {
        for (int attempt = 1; ; attempt++) {
            ObjectNode current = resource(namespace, name);
            ObjectNode status = ApplicationStatus.synced(current.path("status"), result, initiatedBy);
            try {
                applications.writeStatus(namespace, name, verdict == null ? status : ApplicationStatus.policyChecked(status, verdict),
                        current.path("metadata").path("resourceVersion").asText());
                return;
            } catch (KubernetesClientException e) {
                if (!Applications.lostRace(e) || attempt >= 10) {
                    throw e;
                }
            }
        }
    }
}
