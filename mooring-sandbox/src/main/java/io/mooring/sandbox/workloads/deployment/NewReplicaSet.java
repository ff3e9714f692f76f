package io.mooring.sandbox.workloads.deployment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.workloads.objects.Json;
import io.mooring.sandbox.workloads.objects.Owners;
import io.mooring.sandbox.workloads.objects.TemplateHash;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ReplicaSet a Deployment's template calls for ({@code getNewReplicaSet}): named
 * {@code <deployment>-<pod-template-hash>}, the hash added to its selector and pod labels, and
 * the annotations the deployment controller keeps on it: the Deployment's own (but for those it
 * manages), the revision, the revisions it had before (a rollback reuses a ReplicaSet), and the
 * desired and maximum replicas proportional scaling reads.
 */
final class NewReplicaSet {
    private static final Set<String> NOT_COPIED = Set.of("kubectl.kubernetes.io/last-applied-configuration", DeploymentSync.REVISION,
            DeploymentSync.REVISION_HISTORY, DeploymentSync.DESIRED_REPLICAS, DeploymentSync.MAX_REPLICAS,
            "deprecated.deployment.rollback.to");
    private static final int MAX_REVISION_HISTORY_CHARS = 2000;

    private NewReplicaSet() {
    }

    /** The new ReplicaSet at size 0, to be sized by the sync; the collision count makes another name after a clash. */
    static ObjectNode of(DeploymentSpec d) {
        String hash = TemplateHash.of(d.template(), d.collisionCount());
        ObjectNode rs = Json.object();
        rs.put("apiVersion", "apps/v1");
        rs.put("kind", "ReplicaSet");
        ObjectNode metadata = rs.putObject("metadata");
        metadata.put("name", d.name() + "-" + hash);
        metadata.put("namespace", d.namespace());
        ObjectNode template = d.template().deepCopy();
        template.withObjectProperty("metadata").withObjectProperty("labels").put(TemplateHash.POD_TEMPLATE_HASH, hash);
        metadata.set("labels", template.path("metadata").path("labels").deepCopy());
        metadata.set("ownerReferences", Owners.controlledBy(d.object()));
        ObjectNode spec = rs.putObject("spec");
        spec.put("replicas", 0);
        spec.put("minReadySeconds", d.minReadySeconds());
        ObjectNode selector = d.selector().deepCopy();
        selector.withObjectProperty("matchLabels").put(TemplateHash.POD_TEMPLATE_HASH, hash);
        spec.set("selector", selector);
        spec.set("template", template);
        return rs;
    }

    /** {@code SetNewReplicaSetAnnotations}: the Deployment's annotations, the revision and its history. */
    static boolean annotate(DeploymentSpec d, ReplicaSetState rs, String newRevision, boolean exists) {
        boolean changed = false;
        for (Map.Entry<String, String> annotation : d.annotations().entrySet()) {
            if (!NOT_COPIED.contains(annotation.getKey()) && !annotation.getValue().equals(rs.annotations.get(annotation.getKey()))) {
                rs.annotations.put(annotation.getKey(), annotation.getValue());
                changed = true;
            }
        }
        String oldRevision = rs.annotations.get(DeploymentSync.REVISION);
        long old = rs.revision();
        long wanted = Long.parseLong(newRevision);
        if (old < wanted) {
            rs.annotations.put(DeploymentSync.REVISION, newRevision);
            changed = true;
            if (oldRevision != null) {
                String history = rs.annotations.getOrDefault(DeploymentSync.REVISION_HISTORY, "");
                List<String> revisions = new ArrayList<>(history.isEmpty() ? List.of() : List.of(history.split(",")));
                revisions.add(oldRevision);
                while (String.join(",", revisions).length() > MAX_REVISION_HISTORY_CHARS && revisions.size() > 1) {
                    revisions.removeFirst();
                }
                rs.annotations.put(DeploymentSync.REVISION_HISTORY, String.join(",", revisions));
            }
        }
        if (!exists) {
            rs.annotations.put(DeploymentSync.DESIRED_REPLICAS, Integer.toString(d.replicas()));
            rs.annotations.put(DeploymentSync.MAX_REPLICAS, Integer.toString(d.replicas() + d.maxSurge()));
            changed = true;
        }
        return changed;
    }
}
