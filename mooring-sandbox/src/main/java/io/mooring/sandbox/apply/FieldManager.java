package io.mooring.sandbox.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.api.GoText;
import io.mooring.sandbox.store.ApiException;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The API server's field manager (apimachinery's managedfields): keeps {@code metadata.managedFields}
 * on every write and merges server-side applies. Around structured-merge-diff's updater it does
 * what the API server adds: metadata fields nobody owns, one entry per manager identity with the
 * time of its last change, an update attributed only once tracking has begun, existing fields
 * attributed to "before-first-apply" on the first apply, at most ten update entries, and the
 * hand-over from client-side to server-side apply for the "kubectl" manager (its
 * last-applied annotation kept in step, fields it last applied client-side taken over without
 * conflict).
 */
final class FieldManager {
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    private static final int MAX_UPDATE_MANAGERS = 10;
    private static final FieldSet STRIPPED = strippedMetadata();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;

    FieldManager(Clock clock) {
        this.clock = clock;
    }

    /** One object's type as the field manager needs it. */
    record Target(TypeSchema type, String apiVersion, String kind, FieldSet ignored, boolean builtin) {
        Updater updater() {
            return new Updater(type, ignored);
        }
    }

    // ---- updates

    /**
     * Records in {@code next}'s managedFields what {@code manager} changed from {@code live}
     * (null on create). Ownership comes from {@code next} when the writer sent managedFields (so
     * that clients may set them), from {@code live} otherwise, and always from {@code live} on a
     * subresource.
     */
    void update(Target target, ObjectNode live, ObjectNode next, String manager, String subresource) {
        ObjectNode before = live == null ? emptyObject(target) : live;
        Managed managed = decodeLiveOrNew(before, next, !subresource.isEmpty());
        next.with("metadata").remove("managedFields");
        boolean creating = live == null;
        if (managed.isEmpty() && !creating) {
            return; // tracking only starts on create or apply
        }
        ManagerId id = ManagerId.updater(manager, target.apiVersion(), subresource);
        recordUpdate(target, withoutManagedFields(before), next, managed, id);
        capUpdateManagers(managed);
        encode(next, managed);
    }

    private void recordUpdate(Target target, JsonNode before, JsonNode next, Managed managed, ManagerId id) {
        target.updater().update(before, next, target.apiVersion(), managed, ManagerId.CURRENT_OPERATION);
        Managed.Entry current = managed.fields().remove(ManagerId.CURRENT_OPERATION);
        if (current == null) {
            return; // nothing changed: the manager's entry and its time stay as they were
        }
        FieldSet set = current.set().difference(STRIPPED);
        if (set.isEmpty()) {
            return;
        }
        Managed.Entry previous = managed.fields().get(id);
        managed.fields().put(id, new Managed.Entry(previous == null ? set : set.union(previous.set()), target.apiVersion(), false));
        managed.times().put(id, now());
    }

    private static Managed decodeLiveOrNew(ObjectNode live, ObjectNode next, boolean subresource) {
        JsonNode liveEntries = live.path("metadata").get("managedFields");
        if (subresource) {
            return decodeOrEmpty(liveEntries);
        }
        JsonNode nextEntries = next.path("metadata").get("managedFields");
        if (ManagedFieldsCodec.isReset(nextEntries)) {
            return Managed.empty();
        }
        try {
            Managed sent = ManagedFieldsCodec.decode(nextEntries);
            if (!sent.isEmpty()) {
                return sent;
            }
        } catch (IllegalArgumentException badEntries) {
            // As upstream: entries a client cannot have meant are replaced by the live ones.
        }
        return decodeOrEmpty(liveEntries);
    }

    private static Managed decodeOrEmpty(JsonNode entries) {
        try {
            return ManagedFieldsCodec.decode(entries);
        } catch (IllegalArgumentException e) {
            return Managed.empty();
        }
    }

    // Beyond ten update entries, the oldest merge into one "ancient-changes" entry per API version.
    private static void capUpdateManagers(Managed managed) {
        List<ManagerId> updaters = new ArrayList<>(managed.fields().entrySet().stream()
                .filter(e -> !e.getValue().applied()).map(Map.Entry::getKey).toList());
        if (updaters.size() <= MAX_UPDATE_MANAGERS) {
            return;
        }
        updaters.sort(Comparator.<ManagerId>comparingLong(id -> ManagedFieldsCodec.seconds(managed.times().get(id)))
                .thenComparing(ManagerId::identifier));
        Map<String, ManagerId> firstByVersion = new HashMap<>();
        int length = updaters.size();
        for (int i = 0; i < updaters.size() && length > MAX_UPDATE_MANAGERS; i++) {
            ManagerId id = updaters.get(i);
            Managed.Entry entry = managed.fields().get(id);
            ManagerId bucket = ManagerId.updater("ancient-changes", entry.apiVersion(), "");
            ManagerId first = firstByVersion.putIfAbsent(entry.apiVersion(), id);
            if (first == null) {
                continue;
            }
            if (!managed.fields().containsKey(bucket)) {
                managed.fields().put(bucket, managed.fields().remove(first));
            }
            Managed.Entry merged = managed.fields().get(bucket);
            managed.fields().put(bucket, new Managed.Entry(entry.set().union(merged.set()), entry.apiVersion(), false));
            managed.fields().remove(id);
            String time = managed.times().remove(id);
            if (time != null) {
                managed.times().put(bucket, time);
            }
            length--;
        }
    }

    // ---- applies

    /**
     * The object after {@code manager} applies {@code config} to {@code live} (null when it does
     * not exist yet), with its managedFields.
     *
     * @throws ApiException 409 on conflicts, 400 when the configuration carries managedFields,
     *                      500 when it does not fit the schema (as the API server answers)
     */
    ObjectNode apply(Target target, ObjectNode live, ObjectNode config, String manager, boolean force, String subresource) {
        if (config.path("metadata").has("managedFields") && !config.path("metadata").get("managedFields").isNull()) {
            throw ApiException.badRequest("metadata.managedFields must be nil");
        }
        List<String> problems = TypedCheck.problems(target.type(), config);
        if (!problems.isEmpty()) {
            throw new ApiException(500, "InternalError", "failed to create typed patch object (" + describe(target, config) + "): "
                    + TypedCheck.message(problems), null, null, null);
        }
        ObjectNode before = live == null ? emptyObject(target) : live;
        Managed managed;
        try {
            managed = ManagedFieldsCodec.decode(before.path("metadata").get("managedFields"));
        } catch (IllegalArgumentException e) {
            throw new ApiException(500, "InternalError", "failed to decode managed fields: " + e.getMessage(), null, null, null);
        }
        ObjectNode liveValue = withoutManagedFields(before);
        if (managed.isEmpty()) {
            // Fields that exist before anyone applies belong to "before-first-apply".
            recordUpdate(target, emptyObject(target), liveValue, managed,
                    ManagerId.updater("before-first-apply", target.apiVersion(), subresource));
        }
        ManagerId id = ManagerId.applier(manager, subresource);
        Managed result = managed.copy();
        JsonNode merged;
        try {
            merged = target.updater().apply(liveValue, config, target.apiVersion(), result, id, force);
        } catch (Updater.Conflicts conflicts) {
            List<Updater.Conflict> remaining = "kubectl".equals(manager) ? notFromLastApplied(target, liveValue, conflicts.conflicts())
                    : conflicts.conflicts();
            if (!remaining.isEmpty()) {
                throw ApplyConflicts.error(remaining);
            }
            result = managed.copy();
            merged = target.updater().apply(liveValue, config, target.apiVersion(), result, id, true);
        }
        Managed.Entry entry = result.fields().get(id);
        FieldSet owned = entry.set().difference(STRIPPED);
        if (owned.isEmpty()) {
            result.fields().remove(id);
        } else {
            result.fields().put(id, entry.withSet(owned));
        }
        result.times().put(id, now());
        ObjectNode object = (ObjectNode) merged;
        if ("kubectl".equals(manager) && !object.path("metadata").path("annotations").path(LAST_APPLIED).asText("").isEmpty()) {
            ObjectNode lastApplied = config.deepCopy();
            JsonNode annotations = lastApplied.path("metadata").path("annotations");
            if (annotations.isObject()) {
                ((ObjectNode) annotations).remove(LAST_APPLIED);
            }
            ((ObjectNode) object.with("metadata").with("annotations")).put(LAST_APPLIED, GoText.json(lastApplied) + "\n");
        }
        encode(object, result);
        if (live != null && sameButForTimes(live, object)) {
            return live.deepCopy(); // an apply that changes nothing keeps its manager's old time, as upstream
        }
        return object;
    }

    private static boolean sameButForTimes(ObjectNode a, ObjectNode b) {
        return Values.equal(withoutTimes(a), withoutTimes(b));
    }

    private static ObjectNode withoutTimes(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        for (JsonNode entry : copy.path("metadata").path("managedFields")) {
            ((ObjectNode) entry).remove("time");
        }
        return copy;
    }

    /**
     * The conflicts a "kubectl" apply still has once fields it applied client-side are forgiven:
     * those in its last-applied annotation that still have the live value.
     */
    private static List<Updater.Conflict> notFromLastApplied(Target target, JsonNode live, List<Updater.Conflict> conflicts) {
        String text = live.path("metadata").path("annotations").path(LAST_APPLIED).asText("");
        if (text.isEmpty()) {
            return conflicts;
        }
        JsonNode lastApplied;
        try {
            lastApplied = JSON.readTree(text);
        } catch (IOException e) {
            return conflicts;
        }
        if (!lastApplied.isObject() || !target.apiVersion().equals(lastApplied.path("apiVersion").asText())
                || !TypedCheck.problems(target.type(), lastApplied).isEmpty()) {
            return conflicts;
        }
        Comparison differences = Comparison.of(target.type(), lastApplied, live);
        FieldSet allowed = FieldSets.of(target.type(), lastApplied).difference(differences.modified())
                .difference(differences.added()).difference(differences.removed());
        return conflicts.stream().filter(c -> !allowed.has(c.path())).toList();
    }

    // ---- helpers

    /** The object a create starts from: what decoding an empty object of the kind gives. */
    private static ObjectNode emptyObject(Target target) {
        ObjectNode empty = JsonNodeFactory.instance.objectNode();
        empty.put("apiVersion", target.apiVersion());
        empty.put("kind", target.kind());
        if (target.builtin()) {
            empty.putObject("metadata");
            for (String part : List.of("spec", "status")) {
                if (target.type().declares(part)) {
                    empty.putObject(part);
                }
            }
        }
        return empty;
    }

    private static ObjectNode withoutManagedFields(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        if (copy.path("metadata").isObject()) {
            ((ObjectNode) copy.get("metadata")).remove("managedFields");
        }
        return copy;
    }

    private static void encode(ObjectNode object, Managed managed) {
        ArrayNode entries = ManagedFieldsCodec.encode(managed);
        ObjectNode metadata = object.with("metadata");
        if (entries == null) {
            metadata.remove("managedFields");
        } else {
            metadata.set("managedFields", entries);
        }
    }

    private static String describe(Target target, JsonNode object) {
        String apiVersion = target.apiVersion();
        String gv = apiVersion.contains("/") ? apiVersion : "/" + apiVersion;
        return object.path("metadata").path("namespace").asText("") + "/" + object.path("metadata").path("name").asText("")
                + "; " + gv + ", Kind=" + target.kind();
    }

    private String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    // Fields nobody owns: the type and the identity and bookkeeping parts of metadata.
    private static FieldSet strippedMetadata() {
        FieldSet.Builder builder = new FieldSet.Builder();
        builder.insert(List.of(new PathElement.Field("apiVersion")));
        builder.insert(List.of(new PathElement.Field("kind")));
        builder.insert(List.of(new PathElement.Field("metadata")));
        for (String field : List.of("name", "namespace", "creationTimestamp", "selfLink", "uid", "clusterName", "generation",
                "managedFields", "resourceVersion")) {
            builder.insert(List.of(new PathElement.Field("metadata"), new PathElement.Field(field)));
        }
        return builder.build();
    }
}
