package io.mooring.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Fixes references by name after objects were renamed (prefix, suffix, content hash, patch): a
 * Deployment that mounts ConfigMap {@code app-config} must mount {@code dev-app-config-5fk2g7}
 * once the ConfigMap is called that. The candidate an old name refers to is chosen as kustomize
 * chooses it: same previous name and kind, reachable from the referrer's namespace, and, when
 * that is still ambiguous, renamed by the same chain of prefixes and suffixes.
 */
record NameReferenceTransformer(List<TransformerConfig.NameBackReference> backReferences) implements Transformer {

    @Override
    public void transform(ResMap resources) {
        for (Resource referrer : resources.resources()) {
            List<Resource> candidates = null;
            for (TransformerConfig.NameBackReference backReference : backReferences) {
                for (FieldSpec spec : backReference.referrers()) {
                    if (!referrer.orgId().gvk().isSelectedBy(spec.gvk())) {
                        continue;
                    }
                    if (candidates == null) {
                        candidates = resources.referrableBy(referrer);
                    }
                    new Update(referrer, spec, backReference.target(), candidates).run();
                }
            }
        }
    }

    /** One referrer field that may name an object of the target kind. */
    private record Update(Resource referrer, FieldSpec field, Gvk target, List<Resource> candidates) {
        void run() {
            FieldSpec anyType = new FieldSpec(Gvk.ANY, field.path(), false);
            try {
                FieldPaths.apply(referrer.object(), anyType, FieldPaths.Create.NONE, this::set);
            } catch (KustomizeException e) {
                throw new KustomizeException("updating name reference in '" + field.path() + "' field of '"
                        + referrer.curId() + "': " + e.problem());
            }
        }

        private void set(FieldPaths.Slot slot) {
            JsonNode node = slot.get();
            if (node == null || node.isNull()) {
                return;
            }
            if (node instanceof ObjectNode map) {
                setMapping(map);
            } else if (node instanceof ArrayNode list) {
                for (int i = 0; i < list.size(); i++) {
                    JsonNode item = list.get(i);
                    if (item instanceof ObjectNode map) {
                        setMapping(map);
                    } else if (item.isValueNode()) {
                        setScalar(FieldPaths.elementSlot(list, i));
                    }
                }
            } else {
                setScalar(slot);
            }
        }

        private void setScalar(FieldPaths.Slot slot) {
            String oldName = Scalars.nodeText(slot.get());
            Resource referral = select(oldName, candidates, false);
            if (referral == null) {
                return;
            }
            referral.appendCsvAnnotation(Resource.REF_BY, referrer.curId().toString());
            if (!referral.name().equals(oldName)) {
                slot.set(TextNode.valueOf(referral.name()));
            }
        }

        private void setMapping(ObjectNode map) {
            if (!map.has("name")) {
                throw new KustomizeException("path config error; no 'name' field in node");
            }
            String oldName = Scalars.nodeText(map.get("name"));
            Resource referral = select(oldName, candidatesInNamespaceOf(map), true);
            if (referral == null) {
                return;
            }
            referral.appendCsvAnnotation(Resource.REF_BY, referrer.curId().toString());
            if (referral.name().equals(oldName) && referral.namespace().isEmpty()) {
                return;
            }
            map.put("name", referral.name());
            // An empty namespace on the referral means "wherever", not "default": leave the field alone.
            if (!referral.namespace().isEmpty()) {
                map.put("namespace", referral.namespace());
            }
        }

        private List<Resource> candidatesInNamespaceOf(ObjectNode map) {
            if (!map.has("namespace")) {
                return candidates;
            }
            String namespace = Scalars.nodeText(map.get("namespace"));
            Map<String, List<Resource>> original = ResMap.byOriginalNamespace(candidates);
            if (original.containsKey(namespace)) {
                return original.get(namespace);
            }
            return ResMap.byCurrentNamespace(candidates).getOrDefault(namespace, List.of());
        }

        private Resource select(String oldName, List<Resource> all, boolean namespacesMatter) {
            List<Resource> list = sieve(all, r -> r.prevIds().stream().anyMatch(id -> id.name().equals(oldName)));
            list = sieve(list, previousIdSelectedBy(target));
            list = sieve(list, roleRefFilter());
            list = sieve(list, sameNamespaceAsReferrer());
            if (list.size() == 1) {
                return list.getFirst();
            }
            list = sieve(list, r -> r.prefixesSuffixesEqual(referrer, true));
            if (list.size() > 1) {
                list = sieve(list, r -> r.prefixesSuffixesEqual(referrer, false));
            }
            if (list.size() == 1) {
                return list.getFirst();
            }
            if (list.isEmpty()) {
                return null;
            }
            Resource first = list.getFirst();
            if (list.stream().allMatch(r -> r.name().equals(first.name())
                    && (!namespacesMatter || r.namespace().equals(first.namespace())))) {
                return first;
            }
            throw new KustomizeException(" found multiple possible referrals: "
                    + String.join(", ", list.stream().map(r -> r.curId().toString()).toList()));
        }

        private static Predicate<Resource> previousIdSelectedBy(Gvk gvk) {
            return r -> r.prevIds().stream().anyMatch(id -> id.gvk().isSelectedBy(gvk));
        }

        /** A roleRef names its kind and group: only objects of that kind qualify. */
        private Predicate<Resource> roleRefFilter() {
            if (!field.path().endsWith("roleRef/name")) {
                return r -> true;
            }
            JsonNode roleRef = referrer.object().path("roleRef");
            if (!roleRef.has("apiGroup") || !roleRef.has("kind")) {
                return r -> true;
            }
            return previousIdSelectedBy(new Gvk(roleRef.path("apiGroup").asText(""), "", roleRef.path("kind").asText("")));
        }

        private Predicate<Resource> sameNamespaceAsReferrer() {
            ResId referrerId = referrer.curId();
            if (referrerId.isClusterScoped()) {
                return r -> true;
            }
            return r -> r.curId().isClusterScoped() || r.kind().equals("ServiceAccount") || referrerId.isNsEquals(r.curId());
        }

        private static List<Resource> sieve(List<Resource> list, Predicate<Resource> keep) {
            List<Resource> result = new ArrayList<>();
            for (Resource r : list) {
                if (keep.test(r)) {
                    result.add(r);
                }
            }
            return result;
        }
    }
}
