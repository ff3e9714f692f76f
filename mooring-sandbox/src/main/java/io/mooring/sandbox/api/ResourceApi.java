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
import io.mooring.sandbox.store.ApiException.Cause;
import io.mooring.sandbox.store.JsonMeta;
import io.mooring.sandbox.store.ObjectStore;
import io.mooring.sandbox.store.Subscription;
import io.mooring.sandbox.store.WatchEvent;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The Kubernetes API's semantics over the object store, callable in-process (by the simulated
 * controllers) and over HTTP (by {@code ApiServer}): creation with uid, timestamps and generated
 * names; optimistic concurrency by resourceVersion; the status and scale subresources; generation
 * bumps on spec changes; finalizers and deletion propagation; the namespace lifecycle; lists with
 * selectors and consistent pages; watches; field validation of what is written; kinds computed
 * when read ({@link #serve}).
 *
 * <p>The public methods hand in-process callers copies they may change; the package-private
 * {@code *Shared} ones hand {@code ApiServer} the store's own objects, which it only serialises.
 */
public final class ResourceApi {
    public static final String FOREGROUND = "foregroundDeletion";
    public static final String ORPHAN = "orphan";
    private static final String NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    /** Events a watch may have waiting: one further behind (or whose client left unnoticed) is cut off with 410. */
    private static final int WATCH_QUEUE = 10_000;
    private static final List<String> PROPAGATION = List.of("Foreground", "Background", "Orphan");
    private static final List<String> PATCH_TYPES = List.of("application/json-patch+json", "application/merge-patch+json",
            "application/strategic-merge-patch+json", "application/apply-patch+yaml");
    private static final List<String> CUSTOM_PATCH_TYPES = List.of("application/json-patch+json", "application/merge-patch+json",
            "application/apply-patch+yaml");

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

    /** A write's result: the object as stored (or as it would be, on a dry run) and whether the write created it. */
    record Written(ObjectNode object, boolean created) {
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
        return getShared(type, namespace, name).deepCopy();
    }

    ObjectNode getShared(ResourceType type, String namespace, String name) {
        ComputedKind source = computed.get(typeKey(type));
        ObjectNode object = source == null ? store.read(typeKey(type), scoped(type, namespace), name)
                : source.list(scoped(type, namespace)).stream().filter(o -> JsonMeta.of(o).name().equals(name)).findFirst().orElse(null);
        if (object == null) {
            throw ApiException.notFound(type.group(), type.plural(), name);
        }
        return object;
    }

    /** The {@code autoscaling/v1 Scale} of a scalable workload. */
    public ObjectNode scale(ResourceType type, String namespace, String name) {
        requireSubresource(type, "scale");
        return Scales.of(getShared(type, namespace, name));
    }

    /** A {@code <Kind>List} with the matching objects, one page of them when a limit is given. */
    public ObjectNode list(ResourceType type, String namespace, ListOptions options) {
        return listShared(type, namespace, options).deepCopy();
    }

    ObjectNode listShared(ResourceType type, String namespace, ListOptions options) {
        Predicate<JsonNode> matches = matcher(type, options);
        ContinueToken from = options.continueToken().isEmpty() ? null : ContinueToken.decode(options.continueToken());
        long at = readRevision(options, from);
        ComputedKind source = computed.get(typeKey(type));
        ObjectStore.Page page = source != null
                ? new ObjectStore.Page(source.list(scoped(type, namespace)).stream().filter(matches).toList(), store.revision(), null, 0)
                : store.atomically(() -> {
            if (from != null && at != 0 && at < store.oldestResumable()) {
                throw ApiException.gone("The provided continue parameter is too old to display a consistent list result. You can start "
                        + "a new list without the continue parameter, or use the continue token in this response to retrieve the remainder "
                        + "of the results. Continuing with the provided token results in an inconsistent list - objects that were created, "
                        + "modified, or deleted between the time the first chunk was returned and now may show up in the list.")
                        .withContinue(new ContinueToken(-1, from.afterKey()).encode());
            }
            return store.page(typeKey(type), scoped(type, namespace), matches::test, from == null ? null : from.afterKey(),
                    options.limit(), at);
        });
        ObjectNode list = JsonNodeFactory.instance.objectNode();
        list.put("apiVersion", type.apiVersion());
        list.put("kind", type.kind() + "List");
        ObjectNode metadata = list.putObject("metadata");
        metadata.put("resourceVersion", Long.toString(page.revision()));
        if (page.lastKey() != null) {
            metadata.put("continue", new ContinueToken(page.revision(), page.lastKey()).encode());
            if (!options.hasSelectors()) {
                metadata.put("remainingItemCount", page.remaining());
            }
        }
        ArrayNode items = list.putArray("items");
        page.items().forEach(items::add);
        return list;
    }

    /** The revision a list reads at: a later page's first page's, an exact one asked for, or now (0). */
    private static long readRevision(ListOptions options, ContinueToken from) {
        String version = options.resourceVersion();
        if (from != null) {
            if (!version.isEmpty() && !version.equals("0")) {
                throw ApiException.badRequest("specifying resource version is not allowed when using continue");
            }
            return from.revision() < 0 ? 0 : from.revision();
        }
        if (options.resourceVersionMatch().equals("Exact")) {
            if (version.isEmpty() || version.equals("0")) {
                throw ApiException.invalidOptions("ListOptions", Cause.forbidden("resourceVersionMatch",
                        "resourceVersionMatch \"exact\" is forbidden for resourceVersion \"" + version + "\""));
            }
            return parseRevision(version);
        }
        return 0;
    }

    /**
     * A watch on a resource. Events stay within the namespace and selectors asked for; an object
     * that starts or stops matching the selectors arrives as ADDED or DELETED, as a watch cache
     * must see it.
     */
    public Subscription watch(ResourceType type, String namespace, ListOptions options) {
        writable(type);
        String scope = scoped(type, namespace);
        Predicate<JsonNode> matches = matcher(type, options);
        UnaryOperator<WatchEvent> view = event -> {
            if (!scope.isEmpty() && !scope.equals(event.namespace())) {
                return null;
            }
            boolean now = matches.test(event.object());
            if (event.type() != WatchEvent.Type.MODIFIED || event.previous() == null) {
                return now ? event : null;
            }
            boolean before = matches.test(event.previous());
            return before && now ? event : now ? event.as(WatchEvent.Type.ADDED) : before ? event.as(WatchEvent.Type.DELETED) : null;
        };
        String rv = options.resourceVersion();
        Long from = options.sendInitialEvents() || rv.isEmpty() || rv.equals("0") ? null : parseRevision(rv);
        return store.watch(typeKey(type), view, from, WATCH_QUEUE);
    }

    /** Fails as {@link #watch} would for options it cannot serve (selectors, resource version), without subscribing. */
    void checkWatch(ResourceType type, ListOptions options) {
        writable(type);
        matcher(type, options);
        String rv = options.resourceVersion();
        if (!rv.isEmpty() && !rv.equals("0")) {
            parseRevision(rv);
        }
    }

    private Predicate<JsonNode> matcher(ResourceType type, ListOptions options) {
        Predicate<JsonNode> labels = LabelMatcher.of(options.labelSelector());
        Predicate<JsonNode> fields = SelectableFields.matcher(type, catalog.isCustom(type), options.fieldSelector());
        return object -> labels.test(object) && fields.test(object);
    }

    // ---- writes

    public ObjectNode create(ResourceType type, String namespace, ObjectNode body, WriteOptions options) {
        return createShared(type, namespace, body, options).deepCopy();
    }

    ObjectNode createShared(ResourceType type, String namespace, ObjectNode body, WriteOptions options) {
        writable(type);
        ObjectNode object = body.deepCopy();
        WriteRules.checkTypeOf(type, object);
        decode(type, object, options, problems -> ApiException.badRequest(FieldValidation.cannotBeHandled(type, problems)));
        ObjectNode metadata = object.withObjectProperty("metadata");
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
        String generateName = metadata.path("generateName").asText("");
        if (metadata.path("name").asText("").isEmpty()) {
            if (generateName.isEmpty()) {
                throw ApiException.invalid(type.group(), type.kind(), "",
                        Cause.required("metadata.name", "name or generateName is required"));
            }
            metadata.put("name", generateName + randomSuffix());
        }
        String name = metadata.path("name").asText();
        List<Cause> badNames = ObjectNames.check(type, name, generateName);
        if (!badNames.isEmpty()) {
            throw ApiException.invalid(type.group(), type.kind(), name, badNames);
        }
        return store.atomically(() -> {
            if (type.namespaced()) {
                requireLiveNamespace(type, ns, name);
            }
            if (store.read(typeKey(type), ns, name) != null) {
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
            if (type.hasStatus() && !isKind(type, "", "Node")) {
                // Status is the controllers': a create cannot set it (nodes, registered by their kubelet, are the exception).
                object.remove("status");
            }
            if (isKind(type, "", "Namespace")) {
                NamespaceRules.prepareCreate(object);
            }
            admit(Admission.Operation.CREATE, type, object, null);
            if (options.fieldManager() != null) {
                patches.recordUpdate(type, null, object, options.fieldManager(), null);
            }
            return options.dryRun() ? object : store.commitNew(typeKey(type), object);
        });
    }

    /** PUT: replaces the object, or only its status (or scale, or a namespace's finalizers) when {@code subresource} says so. */
    public ObjectNode update(ResourceType type, String namespace, String name, ObjectNode body, String subresource,
                             WriteOptions options) {
        return updateShared(type, namespace, name, body, subresource, options).deepCopy();
    }

    ObjectNode updateShared(ResourceType type, String namespace, String name, ObjectNode body, String subresource, WriteOptions options) {
        String ns = scoped(type, namespace);
        String sub = subresource == null ? "" : subresource;
        writable(type);
        ObjectNode object = body.deepCopy();
        if (!sub.equals("scale")) {
            WriteRules.checkTypeOf(type, object);
            decode(type, object, options, problems -> ApiException.badRequest(FieldValidation.cannotBeHandled(type, problems)));
        }
        return store.atomically(() -> {
            ObjectNode existing = getShared(type, ns, name);
            WriteRules.checkPreconditions(type, name, object, existing);
            if (sub.equals("scale")) {
                return Scales.of(write(type, existing, Scales.applyTo(existing, object), "", options));
            }
            return write(type, existing, object, sub, options);
        });
    }

    /** PATCH in one of the four content types the API accepts. */
    public ObjectNode patch(ResourceType type, String namespace, String name, String contentType, JsonNode patch,
                            String subresource, WriteOptions options) {
        return patchShared(type, namespace, name, contentType, patch, subresource, options).object().deepCopy();
    }

    Written patchShared(ResourceType type, String namespace, String name, String contentType, JsonNode patch, String subresource,
                        WriteOptions options) {
        writable(type);
        String ns = scoped(type, namespace);
        String sub = subresource == null ? "" : subresource;
        String format = WriteRules.mediaType(contentType);
        List<String> accepted = catalog.isCustom(type) ? CUSTOM_PATCH_TYPES : PATCH_TYPES;
        if (!accepted.contains(format)) {
            throw ApiException.unsupportedMediaType(accepted);
        }
        JsonPatch operations = format.equals("application/json-patch+json") ? jsonPatch(patch) : null;
        return store.atomically(() -> {
            if (format.equals("application/apply-patch+yaml")) {
                return apply(type, ns, name, patch, sub, options);
            }
            ObjectNode existing = getShared(type, ns, name);
            ObjectNode target = sub.equals("scale") ? Scales.of(existing) : existing;
            ObjectNode patched = switch (format) {
                case "application/json-patch+json" -> applyJsonPatch(operations, target);
                case "application/merge-patch+json" -> (ObjectNode) MergePatch.apply(target, patch);
                default -> patches.strategicMerge(type, target, patch);
            };
            if (!sub.equals("scale")) {
                // The API server shows a strategic merge patch as Go prints the decoded patch, others as the patched object.
                boolean strategic = format.equals("application/strategic-merge-patch+json");
                decode(type, patched, options,
                        problems -> FieldValidation.invalidPatch(strategic ? GoText.value(patch) : GoText.json(patched), problems));
            }
            WriteRules.checkPreconditions(type, name, patched, existing);
            if (sub.equals("scale")) {
                return new Written(Scales.of(write(type, existing, Scales.applyTo(existing, patched), "", options)), false);
            }
            return new Written(write(type, existing, patched, sub, options), false);
        });
    }

    private Written apply(ResourceType type, String ns, String name, JsonNode patch, String subresource, WriteOptions options) {
        if (!(patch instanceof ObjectNode applied)) {
            throw ApiException.badRequest("error decoding YAML: an apply patch must be an object");
        }
        if (options.fieldManager() == null || options.fieldManager().isEmpty()) {
            throw ApiException.invalidOptions("PatchOptions", Cause.required("fieldManager", "is required for apply patch"));
        }
        ObjectNode body = applied.deepCopy();
        WriteRules.checkTypeOf(type, body);
        ObjectNode existing = store.read(typeKey(type), ns, name);
        if (existing == null && !subresource.isEmpty()) {
            throw ApiException.notFound(type.group(), type.plural(), name);
        }
        ObjectNode result = patches.apply(type, existing, body, options.fieldManager(), options.force(), subresource);
        options.validation().reportRepeatedApplyFields();
        // The apply engine recorded the ownership; what it decoded is not reported again.
        WriteOptions recorded = new WriteOptions(null, options.dryRun(), options.force());
        if (existing == null) {
            String inBody = result.path("metadata").path("name").asText("");
            if (!inBody.isEmpty() && !inBody.equals(name)) {
                throw ApiException.badRequest("the name of the object (" + inBody + ") does not match the name on the URL (" + name + ")");
            }
            result.withObjectProperty("metadata").put("name", name);
            return new Written(createShared(type, ns, result, recorded), true);
        }
        WriteRules.checkPreconditions(type, name, result, existing);
        return new Written(write(type, existing, result, subresource, recorded), false);
    }

    /** The shared tail of update and patch: keep what clients may not change, bump generation, store. */
    private ObjectNode write(ResourceType type, ObjectNode existing, ObjectNode incoming, String subresource, WriteOptions options) {
        ObjectNode next = switch (subresource) {
            case "status" -> {
                requireSubresource(type, "status");
                ObjectNode copy = existing.deepCopy();
                copyField(incoming, copy, "status");
                JsonNode annotations = incoming.path("metadata").get("annotations");
                if (annotations != null && !catalog.isCustom(type)) {
                    // Built-in kinds' status strategies reset the spec, not the annotations: the deployment
                    // controller writes its revision annotation with the status, so that no generation changes.
                    copy.withObjectProperty("metadata").set("annotations", annotations);
                }
                JsonNode managedFields = incoming.path("metadata").get("managedFields");
                if (managedFields != null) {
                    copy.withObjectProperty("metadata").set("managedFields", managedFields); // a status apply's ownership
                }
                yield copy;
            }
            case "finalize" -> {
                requireSubresource(type, "finalize");
                yield NamespaceRules.finalizeWith(existing, incoming);
            }
            case "" -> {
                if (type.hasStatus()) {
                    copyField(existing, incoming, "status");
                }
                yield incoming;
            }
            default -> throw ApiException.methodNotAllowed();
        };
        ObjectNode metadata = next.withObjectProperty("metadata");
        ObjectNode old = (ObjectNode) existing.get("metadata");
        for (String kept : List.of("uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "namespace", "name")) {
            if (old.has(kept)) {
                metadata.set(kept, old.get(kept));
            } else {
                metadata.remove(kept);
            }
        }
        metadata.set("resourceVersion", old.get("resourceVersion"));
        long generation = old.path("generation").asLong(1);
        if (tracksGeneration(type)) {
            metadata.put("generation", generation);
        } else {
            metadata.remove("generation");
        }
        if (isKind(type, "", "Namespace") && subresource.isEmpty()) {
            NamespaceRules.prepareUpdate(next, existing);
        }
        WriteRules.checkFinalizers(type, existing, next);
        admit(Admission.Operation.UPDATE, type, next, existing);
        // Compared once defaults are in: a spec that only omits defaulted fields is no change.
        if (tracksGeneration(type) && !subresource.equals("status") && WriteRules.generationChanged(type, existing, next)) {
            metadata.put("generation", generation + 1);
        }
        if (options.fieldManager() != null) {
            patches.recordUpdate(type, existing, next, options.fieldManager(), subresource.isEmpty() ? null : subresource);
        }
        if (WriteRules.sameContent(existing, next)) {
            return existing;
        }
        if (options.dryRun()) {
            return next;
        }
        if (metadata.has("deletionTimestamp") && WriteRules.finalizers(next).isEmpty()
                && (!isKind(type, "", "Namespace") || NamespaceRules.finalized(next))) {
            // Emptying the finalizers of an object being deleted is its deletion.
            return store.commitRemoval(typeKey(type), JsonMeta.of(next).namespace(), JsonMeta.of(next).name());
        }
        return store.commitChange(typeKey(type), next);
    }

    /** Sets {@code target}'s field to {@code source}'s, or removes it when {@code source} has none. */
    private static void copyField(ObjectNode source, ObjectNode target, String field) {
        JsonNode value = source.get(field);
        if (value == null) {
            target.remove(field);
        } else {
            target.set(field, value);
        }
    }

    /** DELETE with the default options (keep the object's own deletion finalizers). */
    public ObjectNode delete(ResourceType type, String namespace, String name, String propagationPolicy, String preconditionUid,
                             boolean dryRun) {
        return delete(type, namespace, name, new DeleteOptions(propagationPolicy == null ? "" : propagationPolicy,
                preconditionUid == null ? "" : preconditionUid, "", dryRun)).deepCopy();
    }

    /**
     * DELETE. With finalizers (or foreground/orphan propagation, which add one) the object only
     * gets a deletionTimestamp and is removed when the last finalizer is; otherwise it goes now.
     * A namespace waits for its spec finalizers too. Dependents are the garbage collector's business.
     */
    public ObjectNode delete(ResourceType type, String namespace, String name, DeleteOptions options) {
        return deleteShared(type, namespace, name, options).deepCopy();
    }

    ObjectNode deleteShared(ResourceType type, String namespace, String name, DeleteOptions options) {
        writable(type);
        String policy = options.propagationPolicy();
        if (!policy.isEmpty() && !PROPAGATION.contains(policy)) {
            throw ApiException.invalidOptions("DeleteOptions", Cause.notSupported("propagationPolicy", policy, PROPAGATION));
        }
        String ns = scoped(type, namespace);
        return store.atomically(() -> {
            ObjectNode existing = getShared(type, ns, name);
            JsonMeta meta = JsonMeta.of(existing);
            if (!options.uid().isEmpty() && !options.uid().equals(meta.uid())) {
                throw ApiException.conflict(type.group(), type.plural(), name, "Precondition failed: UID in precondition: "
                        + options.uid() + ", UID in object meta: " + meta.uid());
            }
            if (!options.resourceVersion().isEmpty() && !options.resourceVersion().equals(meta.resourceVersion())) {
                throw ApiException.conflict(type.group(), type.plural(), name, "Precondition failed: ResourceVersion in precondition: "
                        + options.resourceVersion() + ", ResourceVersion in object meta: " + meta.resourceVersion());
            }
            List<String> finalizers = WriteRules.finalizers(existing);
            switch (policy) {
                case "Foreground" -> swap(finalizers, FOREGROUND, ORPHAN);
                case "Orphan" -> swap(finalizers, ORPHAN, FOREGROUND);
                case "Background" -> finalizers.removeAll(List.of(ORPHAN, FOREGROUND));
                default -> {
                }
            }
            boolean namespaceHeld = isKind(type, "", "Namespace") && !NamespaceRules.finalized(existing);
            if (finalizers.isEmpty() && !namespaceHeld) {
                return options.dryRun() ? existing : store.commitRemoval(typeKey(type), ns, name);
            }
            boolean marked = existing.path("metadata").has("deletionTimestamp");
            if (marked && finalizers.equals(WriteRules.finalizers(existing))) {
                return existing;
            }
            ObjectNode next = existing.deepCopy();
            ObjectNode metadata = next.withObjectProperty("metadata");
            if (!marked) {
                metadata.put("deletionTimestamp", now());
                metadata.put("deletionGracePeriodSeconds", 0);
            }
            if (finalizers.isEmpty()) {
                metadata.remove("finalizers");
            } else {
                ArrayNode array = metadata.putArray("finalizers");
                finalizers.forEach(array::add);
            }
            if (isKind(type, "", "Namespace")) {
                next.withObjectProperty("status").put("phase", "Terminating");
            }
            return options.dryRun() ? next : store.commitChange(typeKey(type), next);
        });
    }

    private static void swap(List<String> finalizers, String wanted, String unwanted) {
        finalizers.remove(unwanted);
        if (!finalizers.contains(wanted)) {
            finalizers.add(wanted);
        }
    }

    // ---- helpers

    /** Decodes the object as its kind's type, reporting unknown and repeated fields as the request asks. */
    private void decode(ResourceType type, ObjectNode object, WriteOptions options, Function<List<String>, ApiException> strictError) {
        FieldValidation validation = options.validation();
        validation.report(patches.decode(type, object, validation.duplicatePaths()), strictError);
    }

    private void admit(Admission.Operation operation, ResourceType type, ObjectNode incoming, ObjectNode existing) {
        for (Admission admission : admissions) {
            admission.admit(operation, type, incoming, existing);
        }
    }

    private void requireLiveNamespace(ResourceType type, String namespace, String name) {
        ObjectNode found = store.read("/namespaces", "", namespace);
        if (found == null) {
            throw ApiException.notFound("", "namespaces", namespace);
        }
        if (found.path("metadata").has("deletionTimestamp")) {
            throw ApiException.forbidden(type.group(), type.plural(), name,
                    "unable to create new content in namespace " + namespace + " because it is being terminated");
        }
    }

    private static void requireSubresource(ResourceType type, String subresource) {
        if (!type.subresources().contains(subresource)) {
            throw ApiException.noSuchResource();
        }
    }

    private static boolean isKind(ResourceType type, String group, String kind) {
        return type.group().equals(group) && type.kind().equals(kind);
    }

    private static JsonPatch jsonPatch(JsonNode operations) {
        try {
            return JsonPatch.of(operations);
        } catch (ManifestException e) {
            throw ApiException.badRequest(e.problem());
        }
    }

    private static ObjectNode applyJsonPatch(JsonPatch operations, ObjectNode target) {
        try {
            JsonNode result = operations.apply(target);
            if (!(result instanceof ObjectNode object)) {
                throw ApiException.badRequest("the JSON patch did not leave an object");
            }
            return object;
        } catch (ManifestException e) {
            throw new ApiException(422, "Invalid", e.problem(), null, null, null);
        }
    }

    /**
     * Kinds whose metadata.generation counts spec changes: custom resources, and built-in kinds
     * with a status to report the observed generation in, except those kube-apiserver leaves
     * without one.
     */
    private boolean tracksGeneration(ResourceType type) {
        if (catalog.isCustom(type)) {
            return true;
        }
        return type.hasStatus() && !(type.group().isEmpty() && List.of("Namespace", "Service", "Node", "PersistentVolume",
                "PersistentVolumeClaim", "ResourceQuota").contains(type.kind()));
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

    private static long parseRevision(String resourceVersion) {
        try {
            return Long.parseLong(resourceVersion);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid resource version: " + resourceVersion);
        }
    }
}
