package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** The resources of a build in load order, with kustomize's rules for adding, merging and finding them. */
final class ResMap {
    private List<Resource> resources = new ArrayList<>();

    List<Resource> resources() {
        return List.copyOf(resources);
    }

    int size() {
        return resources.size();
    }

    void clear() {
        resources = new ArrayList<>();
    }

    /** Replaces the content, in the given order. */
    void setAll(List<Resource> list) {
        resources = new ArrayList<>(list);
    }

    void append(Resource resource) {
        ResId id = resource.curId();
        if (resources.stream().anyMatch(r -> id.matches(r.curId()))) {
            throw new KustomizeException("may not add resource with an already registered id: " + id);
        }
        resources.add(resource);
    }

    void appendAll(ResMap other) {
        other.resources.forEach(this::append);
    }

    void remove(Resource resource) {
        resources.removeIf(r -> r == resource);
    }

    void dropEmpties() {
        resources.removeIf(Resource::isEmpty);
    }

    List<Resource> byCurrentId(Predicate<ResId> matches) {
        return resources.stream().filter(r -> matches.test(r.curId())).toList();
    }

    /** Resources whose current or any earlier id matches. */
    List<Resource> byAnyId(Predicate<ResId> matches) {
        return resources.stream()
                .filter(r -> !r.isEmpty())
                .filter(r -> r.allIds().stream().anyMatch(matches))
                .toList();
    }

    List<Resource> byOriginalId(Predicate<ResId> matches) {
        return resources.stream().filter(r -> matches.test(r.orgId())).toList();
    }

    /** The one resource an id names (by any of its ids), or an error that says why not. */
    Resource getById(ResId id) {
        List<Resource> found = byAnyId(id::matches);
        if (found.size() == 1) {
            return found.getFirst();
        }
        String problem = (found.isEmpty() ? "no matches for Id " : "multiple matches for Id ") + id;
        throw new KustomizeException(problem + "; failed to find unique target for patch " + id);
    }

    /** Adds a generated resource, or merges it into / replaces the one it names, by its behavior. */
    void absorb(Resource incoming) {
        ResId id = incoming.curId();
        List<Resource> matches = byAnyId(id::matches);
        String behavior = incoming.behavior();
        if (matches.isEmpty()) {
            if (behavior.equals("merge") || behavior.equals("replace")) {
                throw new KustomizeException("id " + id + " does not exist; cannot merge or replace");
            }
            append(incoming);
            return;
        }
        if (matches.size() > 1) {
            throw new KustomizeException("found multiple objects " + matches + " that could accept merge of " + id);
        }
        Resource old = matches.getFirst();
        switch (behavior) {
            case "replace" -> incoming.copyMergeMetadataFrom(old);
            case "merge" -> {
                String origin = old.annotations().get(Resource.ORIGIN);
                incoming.copyMergeMetadataFrom(old);
                mergeMap(incoming, old, "data");
                mergeMap(incoming, old, "binaryData");
                if (origin != null) {
                    incoming.setAnnotation(Resource.ORIGIN, origin);
                }
            }
            default -> throw new KustomizeException("id " + id + " exists; can not use behavior: '"
                    + (behavior.isEmpty() ? "unspecified" : behavior) + "', behavior must be merge or replace");
        }
        resources.set(indexOf(old), incoming);
    }

    /** The incoming object's entries win over the old one's. */
    private static void mergeMap(Resource incoming, Resource old, String field) {
        Map<String, String> merged = new LinkedHashMap<>(Resource.stringMap(old.object().path(field)));
        merged.putAll(Resource.stringMap(incoming.object().path(field)));
        incoming.object().remove(field);
        if (!merged.isEmpty()) {
            ObjectNode map = incoming.object().putObject(field);
            merged.forEach(map::put);
        }
    }

    private int indexOf(Resource resource) {
        for (int i = 0; i < resources.size(); i++) {
            if (resources.get(i) == resource) {
                return i;
            }
        }
        return -1;
    }

    /** Resources that {@code referrer} could refer to by name: same namespace, cluster-scoped, or bound accounts. */
    List<Resource> referrableBy(Resource referrer) {
        ResId referrerId = referrer.curId();
        if (referrerId.isClusterScoped()) {
            return resources();
        }
        Set<String> bindingNamespaces = roleBindingNamespaces(referrer);
        List<Resource> result = new ArrayList<>();
        for (Resource candidate : resources) {
            ResId id = candidate.curId();
            if (id.isClusterScoped() || id.isNsEquals(referrerId) || bindingNamespaces.contains(candidate.namespace())) {
                result.add(candidate);
            }
        }
        return result;
    }

    private static Set<String> roleBindingNamespaces(Resource referrer) {
        Set<String> namespaces = new HashSet<>();
        if (!referrer.kind().equals("RoleBinding")) {
            return namespaces;
        }
        for (JsonNode subject : referrer.object().path("subjects")) {
            if (subject.path("kind").asText("").equals("ServiceAccount") && subject.has("namespace")) {
                namespaces.add(subject.path("namespace").asText());
            }
        }
        return namespaces;
    }

    /** Resources grouped by the effective namespace they had first; cluster-scoped ones left out. */
    static Map<String, List<Resource>> byOriginalNamespace(List<Resource> list) {
        return groupByNamespace(list, true);
    }

    static Map<String, List<Resource>> byCurrentNamespace(List<Resource> list) {
        return groupByNamespace(list, false);
    }

    private static Map<String, List<Resource>> groupByNamespace(List<Resource> list, boolean original) {
        Map<String, List<Resource>> groups = new LinkedHashMap<>();
        for (Resource r : list) {
            ResId id = original ? r.orgId() : r.curId();
            if (id.isClusterScoped()) {
                continue;
            }
            groups.computeIfAbsent(id.effectiveNamespace(), k -> new ArrayList<>()).add(r);
        }
        return groups;
    }

    ResMap deepCopy() {
        ResMap copy = new ResMap();
        resources.forEach(r -> copy.resources.add(r.deepCopy()));
        return copy;
    }
}
