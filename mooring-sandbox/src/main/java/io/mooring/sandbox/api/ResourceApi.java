package io.mooring.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.render.kustomize.patch.JsonPatch;
import io.mooring.resource.ManifestException;
import io.mooring.sandbox.catalog.ApiCatalog;
import io.mooring.sandbox.catalog.ResourceType;
import io.mooring.sandbox.store.ApiException;
import io.mooring.sandbox.store.JsonMeta;
import io.mooring.sandbox.store.ObjectStore;
import io.mooring.sandbox.store.Subscription;
import io.mooring.sandbox.store.WatchEvent;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The Kubernetes API's semantics over the object store, callable in-process (by the simulated
 * controllers) and over HTTP (by {@code ApiServer}): creation with uid, timestamps and generated
 * names; optimistic concurrency by resourceVersion; the status subresource; generation bumps on
 * spec changes; finalizers and deletion propagation; lists with selectors and pages; watches.
 */
public final class ResourceApi {
    public static final String FOREGROUND = "foregroundDeletion";
    public static final String ORPHAN = "orphan";
    private static final String NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private final ApiCatalog catalog;
    private final ObjectStore store;
    private final Clock clock;
    private final List<Admission> admissions;
    private final PatchEngine patches;
    private final Map<String, ComputedKind> computed = new ConcurrentHashMap<>();

    /**
     * A kind whose objects are made when they are read rather than stored, as an aggregated API
     * serves them (metrics.k8s.io): get and list only.
     */
    @FunctionalInterface
    public interface ComputedKind {
        /** The objects of a namespace, or of all namespaces when {@code namespace} is empty. */
        List<ObjectNode> list(String namespace);
    }

    public ResourceApi(ApiCatalog catalog, ObjectStore store, Clock clock, List<Admission> admissions, PatchEngine patches) {
        this.catalog = catalog;
        this.store = store;
        this.clock = clock;
        this.admissions = List.copyOf(admissions);
        this.patches = patches;
    }

    public ApiCatalog catalog() {
        return catalog;
    }

    public ObjectStore store() {
        return store;
    }

    /** Serves a kind from {@code source} on every read, and registers it for discovery. */
    public void serve(ResourceType type, ComputedKind source) {
        catalog.register(type);
        computed.put(typeKey(type), source);
    }

    private void writable(ResourceType type) {
        if (computed.containsKey(typeKey(type))) {
            throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource ("
                    + type.groupResource() + " is read-only)", type.group(), type.plural(), null);
        }
    }

    public static String typeKey(ResourceType type) {
        return type.group() + "/" + type.plural();
    }

    /** The type of an object by its apiVersion and kind, or 404 as the API server says it. */
    public ResourceType typeOf(String apiVersion, String kind) {
        return catalog.byKind(apiVersion, kind).orElseThrow(() -> new ApiException(404, "NotFound",
                "the server could not find the requested resource (no kind \"" + kind + "\" is registered for version \""
                        + apiVersion + "\")", null, kind, null));
    }

    // ---- reads

    public ObjectNode get(ResourceType type, String namespace, String name) {
        ComputedKind source = computed.get(typeKey(type));
        if (source != null) {
            return source.list(scoped(type, namespace)).stream().filter(o -> JsonMeta.of(o).name().equals(name)).findFirst()
                    .orElseThrow(() -> ApiException.notFound(type.group(), type.plural(), name));
        }
        return store.get(typeKey(type), scoped(type, namespace), name)
                .orElseThrow(() -> ApiException.notFound(type.group(), type.plural(), name));
    }

    /** A {@code <Kind>List} with the matching objects, one page of them when a limit is given. */
    public ObjectNode list(ResourceType type, String namespace, ListOptions options) {
        ComputedKind source = computed.get(typeKey(type));
        ObjectStore.Snapshot snapshot = source == null ? store.list(typeKey(type), scoped(type, namespace), matcher(options))
                : new ObjectStore.Snapshot(source.list(scoped(type, namespace)).stream().filter(matcher(options)).toList(), store.revision());
        List<ObjectNode> items = snapshot.items();
        String next = null;
        int from = options.continueToken().isEmpty() ? 0 : decodeContinue(options.continueToken(), items);
        int to = items.size();
        if (options.limit() > 0 && from + options.limit() < items.size()) {
            to = (int) (from + options.limit());
            next = encodeContinue(items.get(to));
        }
        ObjectNode list = JsonNodeFactory.instance.objectNode();
        list.put("apiVersion", type.apiVersion());
        list.put("kind", type.kind() + "List");
        ObjectNode metadata = list.putObject("metadata");
        metadata.put("resourceVersion", Long.toString(snapshot.revision()));
        if (next != null) {
            metadata.put("continue", next);
            metadata.put("remainingItemCount", items.size() - to);
        }
        ArrayNode array = list.putArray("items");
        items.subList(from, to).forEach(array::add);
        return list;
    }

    /** A watch on a resource; events stay within the namespace and selectors asked for. */
    public Subscription watch(ResourceType type, String namespace, ListOptions options) {
        writable(type);
        String key = typeKey(type);
        String scope = scoped(type, namespace);
        Predicate<ObjectNode> matches = matcher(options);
        Predicate<WatchEvent> filter = event -> event.typeKey().equals(key)
                && (scope.isEmpty() || scope.equals(event.namespace())) && matches.test(event.object());
        String rv = options.resourceVersion();
        Long from = rv.isEmpty() || rv.equals("0") ? null : parseRevision(rv);
        return store.watch(filter, from, 100_000);
    }

    private static Predicate<ObjectNode> matcher(ListOptions options) {
        return object -> options.labelSelector().matches(stringMap(object.path("metadata").path("labels")))
                && options.fieldSelector().matches(object);
    }

    // ---- writes

    public ObjectNode create(ResourceType type, String namespace, ObjectNode body, WriteOptions options) {
        writable(type);
        ObjectNode object = body.deepCopy();
        checkTypeOf(type, object);
        decode(type, object, options, problems -> ApiException.badRequest(cannotBeHandled(type, problems)));
        ObjectNode metadata = object.with("metadata");
        String ns = scoped(type, namespace.isEmpty() ? metadata.path("namespace").asText("") : namespace);
        if (type.namespaced()) {
            String inBody = metadata.path("namespace").asText("");
            if (!inBody.isEmpty() && !inBody.equals(ns)) {
                throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent on the request");
            }
            if (ns.isEmpty()) {
                throw ApiException.badRequest("the server could not find the requested resource: a namespace is required for " + type.plural());
            }
            metadata.put("namespace", ns);
        } else {
            metadata.remove("namespace");
        }
        if (metadata.path("name").asText("").isEmpty()) {
            String prefix = metadata.path("generateName").asText("");
            if (prefix.isEmpty()) {
                throw ApiException.invalid(type.group(), type.kind(), "", "metadata.name: Required value: name or generateName is required");
            }
            metadata.put("name", prefix + randomSuffix());
        }
        String name = metadata.path("name").asText();
        validateName(type, name);
        return store.atomically(() -> {
            if (type.namespaced()) {
                requireLiveNamespace(ns);
            }
            if (store.get(typeKey(type), ns, name).isPresent()) {
                throw ApiException.alreadyExists(type.group(), type.plural(), name);
            }
            metadata.put("uid", UUID.randomUUID().toString());
            metadata.put("creationTimestamp", now());
            metadata.remove(List.of("resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink"));
            if (tracksGeneration(type)) {
                metadata.put("generation", 1);
            } else {
                metadata.remove("generation");
            }
            if (type.hasStatus()) {
                object.remove("status");
            }
            admit(Admission.Operation.CREATE, type, object, null);
            if (options.fieldManager() != null) {
                patches.recordUpdate(type, null, object, options.fieldManager(), null);
            }
            return options.dryRun() ? object : store.insert(typeKey(type), object);
        });
    }

    /** PUT: replaces the object, or only its status when {@code subresource} is {@code status}. */
    public ObjectNode update(ResourceType type, String namespace, String name, ObjectNode body, String subresource,
                             WriteOptions options) {
        writable(type);
        checkTypeOf(type, body);
        ObjectNode object = body.deepCopy();
        decode(type, object, options, problems -> ApiException.badRequest(cannotBeHandled(type, problems)));
        String ns = scoped(type, namespace);
        return store.atomically(() -> {
            ObjectNode existing = get(type, ns, name);
            checkPreconditions(type, name, object, existing);
            return write(type, existing, object, subresource, options);
        });
    }

    /** PATCH in one of the four content types the API accepts. */
    public ObjectNode patch(ResourceType type, String namespace, String name, String contentType, JsonNode patch,
                            String subresource, WriteOptions options) {
        writable(type);
        String ns = scoped(type, namespace);
        String format = contentType.toLowerCase(java.util.Locale.ROOT);
        return store.atomically(() -> {
            if (format.startsWith("application/apply-patch")) {
                return apply(type, ns, name, patch, subresource, options);
            }
            ObjectNode existing = get(type, ns, name);
            ObjectNode patched;
            if (format.startsWith("application/json-patch+json")) {
                patched = jsonPatch(existing, patch);
            } else if (format.startsWith("application/merge-patch+json")) {
                patched = (ObjectNode) MergePatch.apply(existing, patch);
            } else if (format.startsWith("application/strategic-merge-patch+json")) {
                patched = patches.strategicMerge(type, existing, patch);
            } else {
                throw new ApiException(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: "
                        + "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, "
                        + "application/strategic-merge-patch+json", null, null, null);
            }
            // The API server shows a strategic merge patch as Go prints the decoded patch, others as the patched object.
            ObjectNode result = patched;
            boolean strategic = format.startsWith("application/strategic-merge-patch+json");
            decode(type, patched, options, problems -> invalidPatch(strategic ? GoText.value(patch) : GoText.json(result), problems));
            checkPreconditions(type, name, patched, existing);
            return write(type, existing, patched, subresource, options);
        });
    }

    private ObjectNode apply(ResourceType type, String ns, String name, JsonNode patch, String subresource, WriteOptions options) {
        if (!(patch instanceof ObjectNode applied)) {
            throw ApiException.badRequest("an apply patch must be an object");
        }
        checkTypeOf(type, applied);
        if (options.fieldManager() == null || options.fieldManager().isEmpty()) {
            throw ApiException.badRequest("PATCH, application/apply-patch+yaml requires fieldManager to be set");
        }
        ObjectNode existing = store.get(typeKey(type), ns, name).orElse(null);
        if (existing == null && subresource != null && !subresource.isEmpty()) {
            throw ApiException.notFound(type.group(), type.plural(), name);
        }
        ObjectNode result = patches.apply(type, existing, applied, options.fieldManager(), options.force(), subresource);
        reportRepeatedFields(options.validation());
        if (existing == null) {
            result.with("metadata").put("name", name);
            return create(type, ns, result, new WriteOptions(null, options.dryRun(), options.force()));
        }
        return write(type, existing, result, subresource, new WriteOptions(null, options.dryRun(), options.force()));
    }

    /** The shared tail of update and patch: keep what clients may not change, bump generation, store. */
    private ObjectNode write(ResourceType type, ObjectNode existing, ObjectNode incoming, String subresource, WriteOptions options) {
        ObjectNode next;
        if ("status".equals(subresource)) {
            if (!type.hasStatus()) {
                throw ApiException.notFound(type.group(), type.plural() + "/status", JsonMeta.of(existing).name());
            }
            next = existing.deepCopy();
            if (incoming.has("status")) {
                next.set("status", incoming.get("status"));
            } else {
                next.remove("status");
            }
            JsonNode managedFields = incoming.path("metadata").get("managedFields");
            if (managedFields != null) {
                next.with("metadata").set("managedFields", managedFields); // a status apply's ownership
            }
        } else if (isNamespace(type) && "finalize".equals(subresource)) {
            // The finalize subresource changes spec.finalizers and nothing else.
            next = existing.deepCopy();
            next.with("spec").set("finalizers", incoming.path("spec").path("finalizers").isArray()
                    ? incoming.path("spec").get("finalizers") : JsonNodeFactory.instance.arrayNode());
        } else {
            next = incoming;
            if (isNamespace(type)) {
                // Only the finalize subresource may change a namespace's spec.finalizers.
                next.with("spec").set("finalizers", existing.path("spec").path("finalizers").deepCopy());
            }
            if (type.hasStatus()) {
                if (existing.has("status")) {
                    next.set("status", existing.get("status").deepCopy());
                } else {
                    next.remove("status");
                }
            }
        }
        ObjectNode metadata = next.with("metadata");
        ObjectNode old = (ObjectNode) existing.get("metadata");
        for (String kept : List.of("uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "namespace", "name")) {
            if (old.has(kept)) {
                metadata.set(kept, old.get(kept));
            } else {
                metadata.remove(kept);
            }
        }
        metadata.set("resourceVersion", old.get("resourceVersion"));
        if (tracksGeneration(type)) {
            metadata.set("generation", old.path("generation").isMissingNode() ? JsonNodeFactory.instance.numberNode(1) : old.get("generation"));
        }
        admit(Admission.Operation.UPDATE, type, next, existing);
        // Compared once defaults are in: a spec that only omits defaulted fields is no change.
        if (tracksGeneration(type) && specChanged(existing, next)) {
            metadata.put("generation", old.path("generation").asLong(1) + 1);
        }
        if (options.fieldManager() != null) {
            patches.recordUpdate(type, existing, next, options.fieldManager(), subresource);
        }
        if (sameContent(existing, next)) {
            return existing;
        }
        if (options.dryRun()) {
            return next;
        }
        if (metadata.has("deletionTimestamp") && finalizers(next).isEmpty() && !awaitsNamespaceFinalizers(type, next)) {
            return store.remove(typeKey(type), JsonMeta.of(next).namespace(), JsonMeta.of(next).name());
        }
        return store.replace(typeKey(type), next);
    }

    /**
     * DELETE. With finalizers (or foreground/orphan propagation, which add one) the object only
     * gets a deletionTimestamp and is removed when the last finalizer is; otherwise it goes now.
     * Dependents are the garbage collector's business.
     */
    public ObjectNode delete(ResourceType type, String namespace, String name, String propagationPolicy, String preconditionUid,
                             boolean dryRun) {
        writable(type);
        String ns = scoped(type, namespace);
        return store.atomically(() -> {
            ObjectNode existing = get(type, ns, name);
            if (preconditionUid != null && !preconditionUid.isEmpty() && !preconditionUid.equals(JsonMeta.of(existing).uid())) {
                throw ApiException.conflict(type.group(), type.plural(), name, "Precondition failed: UID in precondition: "
                        + preconditionUid + ", UID in object meta: " + JsonMeta.of(existing).uid());
            }
            if (dryRun) {
                return existing;
            }
            ObjectNode metadata = existing.with("metadata");
            List<String> finalizers = finalizers(existing);
            if ("Foreground".equals(propagationPolicy) && !finalizers.contains(FOREGROUND)) {
                finalizers.add(FOREGROUND);
            }
            if ("Orphan".equals(propagationPolicy) && !finalizers.contains(ORPHAN)) {
                finalizers.add(ORPHAN);
            }
            boolean namespaceContent = isNamespace(type);
            boolean emptied = namespaceContent && metadata.has("deletionTimestamp") && !awaitsNamespaceFinalizers(type, existing);
            if (finalizers.isEmpty() && (!namespaceContent || emptied)) {
                return store.remove(typeKey(type), ns, name);
            }
            if (metadata.has("deletionTimestamp") && finalizers.equals(finalizers(get(type, ns, name)))) {
                return existing;
            }
            metadata.put("deletionTimestamp", now());
            metadata.put("deletionGracePeriodSeconds", 0);
            ArrayNode array = metadata.putArray("finalizers");
            finalizers.forEach(array::add);
            if (finalizers.isEmpty()) {
                metadata.remove("finalizers");
            }
            if (namespaceContent) {
                existing.with("status").put("phase", "Terminating");
            }
            return store.replace(typeKey(type), existing);
        });
    }

    // ---- helpers

    private void admit(Admission.Operation operation, ResourceType type, ObjectNode incoming, ObjectNode existing) {
        for (Admission admission : admissions) {
            admission.admit(operation, type, incoming, existing);
        }
    }

    private static boolean isNamespace(ResourceType type) {
        return type.group().isEmpty() && type.kind().equals("Namespace");
    }

    /** A namespace is removed only once the namespace controller emptied it and cleared spec.finalizers. */
    private static boolean awaitsNamespaceFinalizers(ResourceType type, ObjectNode object) {
        return isNamespace(type) && !object.path("spec").path("finalizers").isEmpty();
    }

    private void requireLiveNamespace(String namespace) {
        ResourceType namespaces = catalog.byPlural("", "v1", "namespaces").orElseThrow();
        ObjectNode found = store.get(typeKey(namespaces), "", namespace)
                .orElseThrow(() -> ApiException.notFound("", "namespaces", namespace));
        if (found.path("metadata").has("deletionTimestamp")) {
            throw ApiException.forbidden("unable to create new content in namespace " + namespace + " because it is being terminated");
        }
    }

    private static void checkTypeOf(ResourceType type, ObjectNode object) {
        String apiVersion = object.path("apiVersion").asText("");
        String kind = object.path("kind").asText("");
        if (!apiVersion.isEmpty() && !apiVersion.equals(type.apiVersion())) {
            throw ApiException.badRequest("the API version in the data (" + apiVersion
                    + ") does not match the expected API version (" + type.apiVersion() + ")");
        }
        if (!kind.isEmpty() && !kind.equals(type.kind())) {
            throw ApiException.badRequest("the kind in the data (" + kind + ") does not match the expected kind (" + type.kind() + ")");
        }
        object.put("apiVersion", type.apiVersion());
        object.put("kind", type.kind());
    }

    private static void checkPreconditions(ResourceType type, String name, ObjectNode incoming, ObjectNode existing) {
        JsonNode metadata = incoming.path("metadata");
        String wanted = metadata.path("resourceVersion").asText("");
        if (!wanted.isEmpty() && !wanted.equals(JsonMeta.of(existing).resourceVersion())) {
            throw ApiException.conflict(type.group(), type.plural(), name,
                    "the object has been modified; please apply your changes to the latest version and try again");
        }
        String name2 = metadata.path("name").asText("");
        if (!name2.isEmpty() && !name2.equals(name)) {
            throw ApiException.badRequest("the name of the object (" + name2 + ") does not match the name on the URL (" + name + ")");
        }
        String uid = metadata.path("uid").asText("");
        if (!uid.isEmpty() && !uid.equals(JsonMeta.of(existing).uid())) {
            throw ApiException.conflict(type.group(), type.plural(), name, "Precondition failed: UID in precondition: " + uid
                    + ", UID in object meta: " + JsonMeta.of(existing).uid());
        }
    }

    private static ObjectNode jsonPatch(ObjectNode existing, JsonNode operations) {
        try {
            JsonNode result = JsonPatch.of(operations).apply(existing);
            if (!(result instanceof ObjectNode object)) {
                throw ApiException.badRequest("the JSON patch did not leave an object");
            }
            return object;
        } catch (ManifestException e) {
            throw new ApiException(422, "Invalid", e.problem(), null, null, null);
        }
    }

    /** Kinds whose metadata.generation counts spec changes: those with a status to observe it in. */
    private static boolean tracksGeneration(ResourceType type) {
        return type.hasStatus();
    }

    /** Anything outside metadata and status changed. */
    private static boolean specChanged(ObjectNode before, ObjectNode after) {
        ObjectNode a = before.deepCopy();
        ObjectNode b = after.deepCopy();
        a.remove(List.of("metadata", "status"));
        b.remove(List.of("metadata", "status"));
        return !a.equals(b);
    }

    /** Equal apart from the managedFields timestamps: such an update stores nothing and bumps no version. */
    private static boolean sameContent(ObjectNode before, ObjectNode after) {
        ObjectNode a = before.deepCopy();
        ObjectNode b = after.deepCopy();
        for (ObjectNode o : List.of(a, b)) {
            for (JsonNode entry : o.path("metadata").path("managedFields")) {
                ((ObjectNode) entry).remove("time");
            }
        }
        return a.equals(b);
    }

    static List<String> finalizers(ObjectNode object) {
        List<String> result = new ArrayList<>();
        object.path("metadata").path("finalizers").forEach(f -> result.add(f.asText()));
        return result;
    }

    private static void validateName(ResourceType type, String name) {
        if (name.length() > 253 || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("%")) {
            throw ApiException.invalid(type.group(), type.kind(), name, "metadata.name: Invalid value: \"" + name
                    + "\": may not contain '/' or '%', be '.' or '..', or be longer than 253 characters");
        }
    }

    private static String scoped(ResourceType type, String namespace) {
        return type.namespaced() && namespace != null ? namespace : "";
    }

    private String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String randomSuffix() {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            suffix.append(NAME_ALPHABET.charAt(ThreadLocalRandom.current().nextInt(NAME_ALPHABET.length())));
        }
        return suffix.toString();
    }

    // ---- field validation

    /** Decodes the object as its kind's type, reporting unknown and repeated fields as the request asks. */
    private void decode(ResourceType type, ObjectNode object, WriteOptions options, Function<List<String>, ApiException> strictError) {
        FieldValidation validation = options.validation();
        validation.report(patches.decode(type, object, validation.duplicatePaths()), strictError);
    }

    private static String cannotBeHandled(ResourceType type, List<String> problems) {
        return type.kind() + " in version \"" + type.version() + "\" cannot be handled as a " + type.kind() + ": "
                + FieldValidation.strictDecodingError(problems);
    }

    /** The 422 a patch gets when its result does not decode strictly; {@code value} is the patch as the server prints it. */
    private static ApiException invalidPatch(String value, List<String> problems) {
        String body = "Invalid value: " + GoText.quote(value) + ": " + FieldValidation.strictDecodingError(problems);
        return new ApiException(422, "Invalid", " \"\" is invalid: patch: " + body, null, null, null)
                .withCauses(List.of(new ApiException.Cause("FieldValueInvalid", body, "patch")));
    }

    /** Server-side apply checks only that no key repeats, after the apply, as go-yaml's strict mode words it. */
    private static void reportRepeatedFields(FieldValidation validation) {
        if (validation.duplicates().isEmpty()) {
            return;
        }
        StringBuilder yaml = new StringBuilder("error converting YAML to JSON: yaml: unmarshal errors:");
        validation.duplicates().forEach(d -> yaml.append("\n  line ").append(d.line()).append(": key ")
                .append(GoText.quote(d.key())).append(" already set in map"));
        validation.report(List.of(yaml.toString()), problems -> ApiException.badRequest("error strict decoding YAML: " + problems.get(0)));
    }

    private static long parseRevision(String resourceVersion) {
        try {
            return Long.parseLong(resourceVersion);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid resourceVersion: " + resourceVersion);
        }
    }

    private static String encodeContinue(ObjectNode first) {
        JsonMeta meta = JsonMeta.of(first);
        return Base64.getUrlEncoder().withoutPadding().encodeToString((meta.namespace() + "/" + meta.name()).getBytes());
    }

    private static int decodeContinue(String token, List<ObjectNode> items) {
        String key;
        try {
            key = new String(Base64.getUrlDecoder().decode(token));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid continue token");
        }
        for (int i = 0; i < items.size(); i++) {
            JsonMeta meta = JsonMeta.of(items.get(i));
            if ((meta.namespace() + "/" + meta.name()).compareTo(key) >= 0) {
                return i;
            }
        }
        return items.size();
    }

    static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> result = new java.util.HashMap<>();
        if (node.isObject()) {
            node.properties().forEach(e -> result.put(e.getKey(), e.getValue().asText()));
        }
        return result;
    }
}
