package io.mooring.sandbox.cluster.defaults;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.cluster.Nodes;

import static io.mooring.sandbox.cluster.Nodes.defaultInt;
import static io.mooring.sandbox.cluster.Nodes.defaultText;
import static io.mooring.sandbox.cluster.Nodes.object;
import static io.mooring.sandbox.cluster.Nodes.objectOrNull;
import static io.mooring.sandbox.cluster.Nodes.objects;

/** Defaults of network policies, autoscalers, RBAC bindings and priority classes. */
final class PolicyDefaults {
    private static final String RBAC_GROUP = "rbac.authorization.k8s.io";

    private PolicyDefaults() {
    }

    /** A policy without {@code policyTypes} is an Ingress policy, and an Egress one too when it has egress rules. */
    static void networkPolicy(ObjectNode policy) {
        ObjectNode spec = object(policy, "spec");
        for (String direction : new String[] {"ingress", "egress"}) {
            for (ObjectNode rule : objects(spec, direction)) {
                objects(rule, "ports").forEach(port -> defaultText(port, "protocol", "TCP"));
            }
        }
        if (Nodes.empty(spec, "policyTypes")) {
            ArrayNode types = spec.putArray("policyTypes").add("Ingress");
            if (!Nodes.empty(spec, "egress")) {
                types.add("Egress");
            }
        }
    }

    /** autoscaling/v2: one replica at least, 80% CPU when no metric is given, and complete scaling rules when a behavior is. */
    static void horizontalPodAutoscaler(ObjectNode autoscaler, boolean create) {
        ObjectNode spec = object(autoscaler, "spec");
        defaultInt(spec, "minReplicas", 1);
        if (Nodes.empty(spec, "metrics")) {
            ObjectNode metric = spec.putArray("metrics").addObject();
            metric.put("type", "Resource");
            ObjectNode resource = metric.putObject("resource");
            resource.put("name", "cpu");
            ObjectNode target = resource.putObject("target");
            target.put("type", "Utilization");
            target.put("averageUtilization", 80);
        }
        ObjectNode behavior = objectOrNull(spec, "behavior");
        if (behavior != null) {
            ObjectNode up = object(behavior, "scaleUp");
            defaultInt(up, "stabilizationWindowSeconds", 0);
            defaultText(up, "selectPolicy", "Max");
            if (Nodes.unset(up, "policies")) {
                ArrayNode policies = up.putArray("policies");
                policy(policies, "Pods", 4);
                policy(policies, "Percent", 100);
            }
            ObjectNode down = object(behavior, "scaleDown");
            defaultText(down, "selectPolicy", "Max");
            if (Nodes.unset(down, "policies")) {
                policy(down.putArray("policies"), "Percent", 100);
            }
        }
        if (create) {
            object(autoscaler, "status").put("desiredReplicas", 0);
        }
    }

    private static void policy(ArrayNode policies, String type, int value) {
        ObjectNode policy = policies.addObject();
        policy.put("type", type);
        policy.put("value", value);
        policy.put("periodSeconds", 15);
    }

    /** Users and groups are RBAC subjects; the role is always an RBAC one. */
    static void roleBinding(ObjectNode binding) {
        for (ObjectNode subject : objects(binding, "subjects")) {
            if (Nodes.empty(subject, "apiGroup")) {
                String kind = subject.path("kind").asText("");
                // A service account's group is the core group, which an omitempty field does not print.
                if (kind.equals("User") || kind.equals("Group")) {
                    subject.put("apiGroup", RBAC_GROUP);
                }
            }
        }
        defaultText(object(binding, "roleRef"), "apiGroup", RBAC_GROUP);
    }

    static void priorityClass(ObjectNode priorityClass) {
        defaultText(priorityClass, "preemptionPolicy", "PreemptLowerPriority");
    }
}
