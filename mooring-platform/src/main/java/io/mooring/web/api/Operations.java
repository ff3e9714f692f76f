package io.mooring.web.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.diff.DiffState;
import io.mooring.sync.SyncEvent;
import io.mooring.sync.SyncResult;
import io.mooring.web.audit.AuditEntry;
import io.mooring.web.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Syncs and rollbacks asked for through the API run here, each on a virtual thread of its own: a
 * sync waits for every wave to become healthy and may take minutes, longer than an HTTP request
 * should. The call answers 202 with the operation; {@code GET /api/v1/operations/{id}} follows its
 * steps and result. The last {@link #KEPT} operations are kept, in memory (the Application's status
 * and Events keep the lasting record). Each operation's end is in the audit log.
 */
public final class Operations {
    static final int KEPT = 200;
    private static final int STEPS = 500;
    private static final Logger LOG = LoggerFactory.getLogger(Operations.class);

    private final AuditLog audit;
    private final Clock clock;
    private final Map<String, Operation> operations = new LinkedHashMap<>();

    /** One operation, updated as it goes. */
    public static final class Operation {
        final String id = UUID.randomUUID().toString();
        final String kind;
        final String namespace;
        final String name;
        final String requestedBy;
        final Instant started;
        final List<String> steps = new ArrayList<>();
        volatile String phase = "Running";
        volatile String message = "";
        volatile String revision = "";
        volatile Instant finished;

        Operation(String kind, String namespace, String name, String requestedBy, Instant started) {
            this.kind = kind;
            this.namespace = namespace;
            this.name = name;
            this.requestedBy = requestedBy;
            this.started = started;
        }

        public String id() {
            return id;
        }

        synchronized void step(String text) {
            if (steps.size() < STEPS) {
                steps.add(text);
            }
        }

        public synchronized ObjectNode toJson() {
            ObjectNode node = Json.object().put("id", id).put("kind", kind).put("phase", phase).put("message", message)
                    .put("requestedBy", requestedBy).put("startedAt", started.toString());
            node.putObject("application").put("namespace", namespace).put("name", name);
            if (!revision.isEmpty()) {
                node.put("revision", revision);
            }
            if (finished != null) {
                node.put("finishedAt", finished.toString());
            }
            ArrayNode list = node.putArray("steps");
            steps.forEach(list::add);
            return node;
        }
    }

    public Operations(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Starts {@code work} (given a progress listener, returning the sync's result) and returns the
     * operation at once.
     *
     * @param source the client's address, for the audit entry of the end
     */
    public Operation start(String kind, String namespace, String name, String requestedBy, String source,
                           Function<Consumer<SyncEvent>, SyncResult> work) {
        Operation operation = new Operation(kind, namespace, name, requestedBy, clock.instant());
        synchronized (operations) {
            operations.put(operation.id, operation);
            while (operations.size() > KEPT) {
                operations.remove(operations.keySet().iterator().next());
            }
        }
        Thread.ofVirtual().name("mooring-operation-" + operation.id).start(() -> run(operation, source, work));
        return operation;
    }

    public Optional<Operation> find(String id) {
        synchronized (operations) {
            return Optional.ofNullable(operations.get(id));
        }
    }

    private void run(Operation operation, String source, Function<Consumer<SyncEvent>, SyncResult> work) {
        try {
            SyncResult result = work.apply(event -> operation.step(describe(event)));
            operation.revision = result.commit() == null ? "" : result.commit().sha();
            operation.message = result.message();
            operation.phase = result.phase().toString();
        } catch (RuntimeException e) {
            LOG.warn("{} of {}/{} failed", operation.kind, operation.namespace, operation.name, e);
            operation.message = e.getMessage() == null ? e.toString() : e.getMessage();
            operation.phase = "Failed";
        } finally {
            operation.finished = clock.instant();
            audit.record(new AuditEntry(operation.finished, operation.requestedBy, operation.kind.toUpperCase(java.util.Locale.ROOT),
                    "operation " + operation.id + " on application " + operation.namespace + "/" + operation.name, source, operation.phase,
                    operation.message));
        }
    }

    /** A sync's step as one line, as {@code mooring app sync} prints it. */
    static String describe(SyncEvent event) {
        return switch (event) {
            case SyncEvent.WaveStarted w -> "wave " + (w.wave() == Integer.MIN_VALUE ? "0 (namespaces, CRDs)" : w.wave()) + ": " + w.steps()
                    + " to apply";
            case SyncEvent.Applied a -> (a.before() == DiffState.MISSING ? "created " : "configured ") + a.key();
            case SyncEvent.Waiting w -> "waiting for " + w.key() + ": " + w.health().status().text()
                    + (w.health().message().isEmpty() ? "" : " (" + w.health().message() + ")");
            case SyncEvent.Pruned p -> "pruned " + p.key();
            case SyncEvent.Checked c -> "policies: " + c.verdict().summary();
        };
    }
}
