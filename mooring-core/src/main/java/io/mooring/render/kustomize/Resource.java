package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * An object being built, with the bookkeeping kustomize keeps on it. Like kustomize, the history of
 * names (for fixing references after prefixes, suffixes and hashes), the generator behaviour and
 * similar state live in internal annotations on the object itself, removed before printing: that
 * keeps the object the single source of truth when it is copied, merged or patched.
 */
final class Resource {
    static final String DOMAIN = "internal.config.kubernetes.io/";
    static final String PREVIOUS_KINDS = DOMAIN + "previousKinds";
    static final String PREVIOUS_NAMES = DOMAIN + "previousNames";
    static final String PREVIOUS_NAMESPACES = DOMAIN + "previousNamespaces";
    static final String PREFIXES = DOMAIN + "prefixes";
    static final String SUFFIXES = DOMAIN + "suffixes";
    static final String REF_BY = DOMAIN + "refBy";
    static final String GENERATOR_BEHAVIOR = DOMAIN + "generatorBehavior";
    static final String NEEDS_HASH = DOMAIN + "needsHashSuffix";
    static final String ALLOW_NAME_CHANGE = DOMAIN + "allowNameChange";
    static final String ALLOW_KIND_CHANGE = DOMAIN + "allowKindChange";
    static final String ORIGIN = "config.kubernetes.io/origin";
    static final String TRANSFORMATIONS = "alpha.config.kubernetes.io/transformations";
    static final String ENABLED = "enabled";

    /** Annotations that only exist while building; kustomize removes them before printing. */
    static final List<String> BUILD_ANNOTATIONS = List.of(PREVIOUS_KINDS, PREVIOUS_NAMES, PREFIXES, SUFFIXES,
            PREVIOUS_NAMESPACES, ALLOW_NAME_CHANGE, ALLOW_KIND_CHANGE, REF_BY, GENERATOR_BEHAVIOR, NEEDS_HASH,
            "config.kubernetes.io/path", "config.kubernetes.io/index", "internal.config.kubernetes.io/path",
            "internal.config.kubernetes.io/index", "internal.config.kubernetes.io/seqindent",
            "internal.config.kubernetes.io/id", "internal.config.kubernetes.io/annotations-migration-resource-id",
            "config.k8s.io/id", "kustomize.config.k8s.io/id", "kustomize.config.k8s.io/needs-hash",
            "kustomize.config.k8s.io/behavior");

    private ObjectNode object;
    private List<String> refVarNames = new ArrayList<>();

    Resource(ObjectNode object) {
        this.object = object;
    }

    ObjectNode object() {
        return object;
    }

    /** Replaces the content (after a patch that produced a new tree). */
    void setObject(ObjectNode replacement) {
        this.object = replacement;
    }

    Resource deepCopy() {
        Resource copy = new Resource(object.deepCopy());
        copy.refVarNames = new ArrayList<>(refVarNames);
        return copy;
    }

    boolean isEmpty() {
        return object == null || object.isEmpty();
    }

    // ---- identity

    String kind() {
        return object.path("kind").asText("");
    }

    String apiVersion() {
        return object.path("apiVersion").asText("");
    }

    Gvk gvk() {
        return Gvk.of(apiVersion(), kind());
    }

    String name() {
        return metadata().path("name").asText("");
    }

    String namespace() {
        return metadata().path("namespace").asText("");
    }

    void setKind(String kind) {
        object.put("kind", kind);
    }

    void setGvk(Gvk gvk) {
        setKind(gvk.kind());
        object.put("apiVersion", gvk.apiVersion());
    }

    void setName(String name) {
        metadataForWrite().put("name", name);
    }

    /** An empty namespace removes the field, as kyaml does. */
    void setNamespace(String namespace) {
        if (namespace.isEmpty()) {
            if (object.path("metadata").isObject()) {
                ((ObjectNode) object.get("metadata")).remove("namespace");
            }
            return;
        }
        metadataForWrite().put("namespace", namespace);
    }

    ResId curId() {
        return new ResId(gvk(), name(), namespace());
    }

    /** The first id the object had in this build, before any rename. */
    ResId orgId() {
        List<ResId> previous = prevIds();
        return previous.isEmpty() ? curId() : previous.getFirst();
    }

    /** Every earlier id, oldest first; kinds and names change, apiVersion is taken as it is now. */
    List<ResId> prevIds() {
        Map<String, String> annotations = annotations();
        if (!annotations.containsKey(PREVIOUS_NAMES)) {
            return List.of();
        }
        String[] names = annotations.get(PREVIOUS_NAMES).split(",", -1);
        String[] namespaces = annotations.getOrDefault(PREVIOUS_NAMESPACES, "").split(",", -1);
        String[] kinds = annotations.getOrDefault(PREVIOUS_KINDS, "").split(",", -1);
        if (names.length != namespaces.length || names.length != kinds.length) {
            throw new IllegalStateException("number of previous names, namespaces and kinds not equal on " + curId());
        }
        List<ResId> ids = new ArrayList<>(names.length);
        for (int i = 0; i < names.length; i++) {
            ids.add(new ResId(Gvk.of(apiVersion(), kinds[i]), names[i], namespaces[i]));
        }
        return ids;
    }

    /** Current and previous ids. */
    List<ResId> allIds() {
        List<ResId> ids = new ArrayList<>(prevIds());
        ids.add(curId());
        return ids;
    }

    /** Remembers the current id before a rename so that references to the old name can be fixed. */
    void storePreviousId() {
        ResId id = curId();
        appendCsvAnnotation(PREVIOUS_NAMES, id.name());
        appendCsvAnnotation(PREVIOUS_NAMESPACES, id.effectiveNamespace());
        appendCsvAnnotation(PREVIOUS_KINDS, id.gvk().kind());
    }

    // ---- metadata maps

    JsonNode metadata() {
        return object.path("metadata");
    }

    private ObjectNode metadataForWrite() {
        JsonNode metadata = object.get("metadata");
        if (metadata instanceof ObjectNode existing) {
            return existing;
        }
        return object.putObject("metadata");
    }

    /** Annotations as strings (scalars by their text, a null by its spelling), like kyaml's GetAnnotations. */
    Map<String, String> annotations() {
        return nodeTexts("annotations");
    }

    /** Labels as strings, like {@link #annotations()}. */
    Map<String, String> labels() {
        return nodeTexts("labels");
    }

    /**
     * A metadata map's values as kyaml's GetAnnotations and GetLabels read them (see
     * {@link Scalars#nodeText}). A scalar there reads as no entries; a list is refused, where kyaml
     * crashes.
     */
    private Map<String, String> nodeTexts(String field) {
        JsonNode node = metadata().path(field);
        if (node.isArray()) {
            throw new KustomizeException(curId().toString(), "metadata." + field + " is a list, not a map",
                    "write " + field + " as key: value pairs");
        }
        return textMap(node, Scalars::nodeText);
    }

    /** Replaces the annotations; an empty map removes the field. Values are written as strings. */
    void setAnnotations(Map<String, String> annotations) {
        setStringMap("annotations", annotations);
    }

    void setLabels(Map<String, String> labels) {
        setStringMap("labels", labels);
    }

    /**
     * Rewrites the map as strings in key order, like kyaml. An existing map node is refilled rather
     * than replaced, so that a caller still holding it (a name reference being fixed inside these
     * annotations) keeps writing into the live object.
     */
    private void setStringMap(String field, Map<String, String> values) {
        ObjectNode metadata = metadataForWrite();
        if (values.isEmpty()) {
            metadata.remove(field);
            return;
        }
        Map<String, String> sorted = new TreeMap<>(values);
        ObjectNode map = metadata.get(field) instanceof ObjectNode existing ? existing.removeAll() : metadata.putObject(field);
        sorted.forEach(map::put);
    }

    /** A map's values as Go decodes them into a map[string]string (see {@link Scalars#text}). */
    static Map<String, String> stringMap(JsonNode node) {
        return textMap(node, Scalars::text);
    }

    private static Map<String, String> textMap(JsonNode node, Function<JsonNode, String> text) {
        Map<String, String> result = new LinkedHashMap<>();
        if (node.isObject()) {
            node.properties().forEach(e -> result.put(e.getKey(), text.apply(e.getValue())));
        }
        return result;
    }

    void setAnnotation(String key, String value) {
        Map<String, String> annotations = annotations();
        annotations.put(key, value);
        setAnnotations(annotations);
    }

    List<String> csvAnnotation(String key) {
        String value = annotations().get(key);
        return value == null ? List.of() : Arrays.asList(value.split(",", -1));
    }

    void appendCsvAnnotation(String key, String value) {
        if (value.isEmpty()) {
            return;
        }
        List<String> values = new ArrayList<>(csvAnnotation(key));
        values.add(value);
        // kyaml's SetAnnotation, as kustomize uses it here: this key only. setAnnotation would
        // rewrite every annotation as a string, which a later JSON patch would then see.
        ObjectNode metadata = metadataForWrite();
        ObjectNode map = metadata.get("annotations") instanceof ObjectNode existing ? existing : metadata.putObject("annotations");
        map.put(key, String.join(",", values));
    }

    void removeBuildAnnotations() {
        Map<String, String> annotations = annotations();
        if (annotations.isEmpty()) {
            return;
        }
        BUILD_ANNOTATIONS.forEach(annotations::remove);
        setAnnotations(annotations);
    }

    void removeAnnotation(String key) {
        Map<String, String> annotations = annotations();
        if (annotations.remove(key) != null) {
            setAnnotations(annotations);
        }
    }

    /**
     * Takes over {@code other}'s name, namespace and build bookkeeping, merging labels and annotations
     * (this object's win), as when a generated object replaces or merges into an existing one.
     */
    void copyMergeMetadataFrom(Resource other) {
        Map<String, String> labels = new LinkedHashMap<>(other.labels());
        labels.putAll(labels());
        setLabels(labels);
        Map<String, String> theirs = other.annotations();
        Map<String, String> annotations = new LinkedHashMap<>(theirs);
        annotations.putAll(annotations());
        for (String build : BUILD_ANNOTATIONS) {
            if (theirs.containsKey(build)) {
                annotations.put(build, theirs.get(build));
            } else {
                annotations.remove(build);
            }
        }
        if (!annotations().containsKey(NEEDS_HASH)) {
            // An overlay that disables the hash suffix wins over its base.
            annotations.remove(NEEDS_HASH);
        }
        setAnnotations(annotations);
        setName(other.name());
        setNamespace(other.namespace());
        refVarNames = new ArrayList<>(other.refVarNames);
    }

    // ---- generator and patch flags

    String behavior() {
        return annotations().getOrDefault(GENERATOR_BEHAVIOR, "");
    }

    boolean needsHashSuffix() {
        return ENABLED.equals(annotations().get(NEEDS_HASH));
    }

    boolean nameChangeAllowed() {
        return ENABLED.equals(annotations().get(ALLOW_NAME_CHANGE));
    }

    boolean kindChangeAllowed() {
        return ENABLED.equals(annotations().get(ALLOW_KIND_CHANGE));
    }

    List<String> namePrefixes() {
        return csvAnnotation(PREFIXES);
    }

    List<String> nameSuffixes() {
        return csvAnnotation(SUFFIXES);
    }

    /**
     * Whether both were renamed by the same trailing prefixes and suffixes (the same kustomization
     * context). With {@code allowEmpty}, an object with no prefixes (or suffixes) matches any.
     */
    boolean prefixesSuffixesEqual(Resource other, boolean allowEmpty) {
        List<String> p1 = namePrefixes();
        List<String> p2 = other.namePrefixes();
        List<String> s1 = nameSuffixes();
        List<String> s2 = other.nameSuffixes();
        if (allowEmpty) {
            return (p1.isEmpty() || p2.isEmpty() || sameEnding(p1, p2)) && (s1.isEmpty() || s2.isEmpty() || sameEnding(s1, s2));
        }
        return sameEnding(p1, p2) && sameEnding(s1, s2);
    }

    private static boolean sameEnding(List<String> a, List<String> b) {
        List<String> shorter = a.size() <= b.size() ? a : b;
        List<String> longer = shorter == a ? b : a;
        if (shorter.isEmpty()) {
            return longer.isEmpty();
        }
        return longer.subList(longer.size() - shorter.size(), longer.size()).equals(shorter);
    }

    List<String> refVarNames() {
        return refVarNames;
    }

    @Override
    public String toString() {
        return curId().toString();
    }

    static TextNode text(String value) {
        return TextNode.valueOf(value);
    }
}
