package io.mooring.sandbox.workloads.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.store.ApiException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ControllerRevisions of StatefulSets and DaemonSets: one per distinct pod template, named
 * {@code <set>-<hash>}, numbered in the order they became current, holding the template as the
 * patch the controllers apply ({@code {"spec":{"template":{..., "$patch":"replace"}}}}). What
 * {@code kubectl rollout history} and {@code undo} read.
 */
public final class Revisions {
    public static final String HASH_LABEL = "controller-revision-hash";
    private static final Comparator<JsonNode> BY_NUMBER = Comparator.<JsonNode>comparingLong(r -> r.path("revision").asLong())
            .thenComparing(Json::name);

    private Revisions() {
    }

    /** The revision the set's current spec calls for, and the set's revisions after making sure it exists. */
    public record Sync(ObjectNode update, List<ObjectNode> all) {
    }

    public static ObjectNode data(JsonNode set) {
        ObjectNode data = Json.object();
        ObjectNode template = set.path("spec").path("template").deepCopy();
        template.put("$patch", "replace");
        data.putObject("spec").set("template", template);
        return data;
    }

    /** The pod template a revision holds. */
    public static ObjectNode template(JsonNode revision) {
        ObjectNode template = revision.path("data").path("spec").path("template").deepCopy();
        template.remove("$patch");
        return template;
    }

    public static String hash(JsonNode set) {
        JsonNode count = set.path("status").path("collisionCount");
        return TemplateHash.of(data(set), count.isNumber() ? count.asInt() : null);
    }

    /**
     * Finds or makes the revision of the set's template ({@code getStatefulSetRevisions},
     * {@code constructHistory}): an equal existing revision is reused, renumbered to be the
     * latest when it is an older one (a rollback); otherwise a new one is created.
     *
     * @param owned  the set's revisions
     * @param labels the labels to give a new revision
     * @throws ApiException 409 when the name is taken by another template: the set's
     *                      {@code status.collisionCount} must go up, and the sync retried
     */
    public static Sync sync(Client client, JsonNode set, List<ObjectNode> owned, Map<String, String> labels) {
        List<ObjectNode> sorted = owned.stream().sorted(BY_NUMBER).toList();
        ObjectNode data = data(set);
        long max = sorted.isEmpty() ? 0 : sorted.getLast().path("revision").asLong();
        ObjectNode equal = sorted.stream().filter(r -> TemplateHash.equal(r.path("data"), data))
                .reduce((a, b) -> b).orElse(null);
        if (equal != null) {
            if (equal == sorted.getLast()) {
                return new Sync(equal, sorted);
            }
            ObjectNode patch = Json.object();
            patch.putObject("metadata").put("uid", Json.uid(equal));
            patch.put("revision", max + 1);
            ObjectNode renumbered = client.patch(Kinds.CONTROLLER_REVISIONS, Json.namespace(equal), Json.name(equal), patch);
            return new Sync(renumbered, replaced(sorted, equal, renumbered));
        }
        String hash = hash(set);
        ObjectNode revision = Json.object();
        revision.put("apiVersion", "apps/v1");
        revision.put("kind", "ControllerRevision");
        ObjectNode metadata = revision.putObject("metadata");
        metadata.put("name", Json.name(set) + "-" + hash);
        metadata.put("namespace", Json.namespace(set));
        metadata.set("labels", Json.stringMap(labels));
        metadata.set("ownerReferences", Owners.controlledBy(set));
        revision.set("data", data);
        revision.put("revision", max + 1);
        ObjectNode created = client.create(Kinds.CONTROLLER_REVISIONS, revision);
        List<ObjectNode> all = new ArrayList<>(sorted);
        all.add(created);
        return new Sync(created, all);
    }

    /** Deletes the oldest revisions beyond {@code limit} that no pod and neither the current nor update revision uses. */
    public static void cleanup(Client client, List<ObjectNode> revisions, Set<String> live, int limit) {
        List<ObjectNode> removable = revisions.stream().sorted(BY_NUMBER).filter(r -> !live.contains(Json.name(r))).toList();
        for (int i = 0; i < removable.size() - limit; i++) {
            try {
                client.delete(Kinds.CONTROLLER_REVISIONS, removable.get(i));
            } catch (ApiException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
    }

    /** Raises the set's collision count after its revision name was taken by another template. */
    public static void collided(Client client, String typeKey, ObjectNode set) {
        ObjectNode status = set.path("status").isObject() ? set.get("status").deepCopy() : Json.object();
        status.put("collisionCount", status.path("collisionCount").asInt(0) + 1);
        client.updateStatus(typeKey, set, status);
    }

    private static List<ObjectNode> replaced(List<ObjectNode> list, ObjectNode old, ObjectNode replacement) {
        return list.stream().map(r -> r == old ? replacement : r).toList();
    }
}
