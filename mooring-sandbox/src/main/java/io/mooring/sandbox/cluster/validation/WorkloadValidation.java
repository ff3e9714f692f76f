package io.mooring.sandbox.cluster.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.LabelSelector;
import io.mooring.sandbox.cluster.Nodes;
import io.mooring.sandbox.cluster.Selectors;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Deployments, ReplicaSets, StatefulSets, DaemonSets and ReplicationControllers: a selector
 * that exists and matches the template's labels, pods that restart Always, sane strategies,
 * and on update the fields apps/v1 never lets change (selectors, most of a StatefulSet).
 */
final class WorkloadValidation {
    private static final List<String> ALWAYS = List.of("Always");
    private static final Set<String> STATEFUL_SET_MUTABLE = Set.of("replicas", "ordinals", "template", "updateStrategy",
            "revisionHistoryLimit", "persistentVolumeClaimRetentionPolicy", "minReadySeconds");

    private WorkloadValidation() {
    }

    static void deployment(ObjectNode deployment, ObjectNode old, FieldErrors errors) {
        JsonNode spec = deployment.path("spec");
        nonNegative(spec, "replicas", errors);
        selectorAndTemplate(spec, "deployment", errors);
        strategy(spec.path("strategy"), errors);
        nonNegative(spec, "minReadySeconds", errors);
        nonNegative(spec, "revisionHistoryLimit", errors);
        if (spec.has("progressDeadlineSeconds")) {
            nonNegative(spec, "progressDeadlineSeconds", errors);
            long deadline = spec.path("progressDeadlineSeconds").asLong();
            if (deadline <= spec.path("minReadySeconds").asLong(0)) {
                errors.invalid("spec.progressDeadlineSeconds", deadline, "must be greater than minReadySeconds");
            }
        }
        immutableSelector(spec, old, errors);
    }

    static void replicaSet(ObjectNode replicaSet, ObjectNode old, FieldErrors errors) {
        JsonNode spec = replicaSet.path("spec");
        nonNegative(spec, "replicas", errors);
        // Upstream words the empty-selector error of a ReplicaSet as it does for a Deployment.
        selectorAndTemplate(spec, "deployment", errors);
        nonNegative(spec, "minReadySeconds", errors);
        immutableSelector(spec, old, errors);
    }

    static void daemonSet(ObjectNode daemonSet, ObjectNode old, FieldErrors errors) {
        JsonNode spec = daemonSet.path("spec");
        selectorAndTemplate(spec, "daemonset", errors);
        JsonNode type = spec.path("updateStrategy").path("type");
        List<String> types = List.of("OnDelete", "RollingUpdate");
        if (!types.contains(type.asText())) {
            errors.notSupported("spec.updateStrategy.type", type, types);
        }
        nonNegative(spec, "minReadySeconds", errors);
        nonNegative(spec, "revisionHistoryLimit", errors);
        immutableSelector(spec, old, errors);
    }

    static void statefulSet(ObjectNode statefulSet, ObjectNode old, FieldErrors errors) {
        JsonNode spec = statefulSet.path("spec");
        nonNegative(spec, "replicas", errors);
        selectorAndTemplate(spec, "statefulset", errors);
        JsonNode policy = spec.path("podManagementPolicy");
        List<String> policies = List.of("OrderedReady", "Parallel");
        if (!policies.contains(policy.asText())) {
            errors.notSupported("spec.podManagementPolicy", policy, policies);
        }
        JsonNode type = spec.path("updateStrategy").path("type");
        List<String> types = List.of("OnDelete", "RollingUpdate");
        if (!types.contains(type.asText())) {
            errors.notSupported("spec.updateStrategy.type", type, types);
        }
        nonNegative(spec, "minReadySeconds", errors);
        if (old != null) {
            ObjectNode before = old.path("spec").deepCopy();
            ObjectNode after = spec.deepCopy();
            before.remove(STATEFUL_SET_MUTABLE);
            after.remove(STATEFUL_SET_MUTABLE);
            if (!before.equals(after)) {
                errors.forbidden("spec", "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', "
                        + "'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' "
                        + "are forbidden");
            }
        }
    }

    static void replicationController(ObjectNode controller, FieldErrors errors) {
        JsonNode spec = controller.path("spec");
        nonNegative(spec, "replicas", errors);
        var selector = Nodes.stringMap(spec, "selector");
        if (selector.isEmpty()) {
            errors.required("spec.selector", "");
        } else {
            MetadataValidation.labels(selector, "spec.selector", errors);
        }
        JsonNode template = spec.get("template");
        if (template == null || template.isNull()) {
            errors.required("spec.template", "");
            return;
        }
        var labels = Nodes.stringMap(template.path("metadata"), "labels");
        if (!selector.isEmpty() && !Selectors.matchesMap(selector, labels)) {
            errors.invalid("spec.template.metadata.labels", Nodes.toObject(labels), "`selector` does not match template `labels`");
        }
        PodSpecValidation.template(template, "spec.template", ALWAYS, errors);
    }

    /**
     * The selector must be given and not empty, and must select the template's labels; a
     * missing selector selects nothing, so the template does not match it either.
     */
    static void selectorAndTemplate(JsonNode spec, String owner, FieldErrors errors) {
        JsonNode selector = spec.get("selector");
        Optional<LabelSelector> parsed = Optional.empty();
        boolean checkTemplate = true;
        if (selector == null || selector.isNull()) {
            errors.required("spec.selector", "");
        } else {
            MetadataValidation.labels(Nodes.stringMap(selector, "matchLabels"), "spec.selector.matchLabels", errors);
            try {
                parsed = Selectors.of(selector);
            } catch (IllegalArgumentException e) {
                errors.invalid("spec.selector", Selectors.canonical(selector), "invalid label selector");
                checkTemplate = false;
            }
            if (Selectors.isEmpty(selector)) {
                errors.invalid("spec.selector", Selectors.canonical(selector), "empty selector is invalid for " + owner);
                checkTemplate = false;
            }
        }
        JsonNode template = spec.get("template");
        if (template == null || template.isNull()) {
            errors.required("spec.template", "");
            return;
        }
        var labels = Nodes.stringMap(template.path("metadata"), "labels");
        if (checkTemplate && (parsed.isEmpty() || !parsed.get().matches(labels))) {
            errors.invalid("spec.template.metadata.labels", Nodes.toObject(labels), "`selector` does not match template `labels`");
        }
        PodSpecValidation.template(template, "spec.template", ALWAYS, errors);
    }

    private static void strategy(JsonNode strategy, FieldErrors errors) {
        JsonNode type = strategy.path("type");
        List<String> types = List.of("Recreate", "RollingUpdate");
        if (!types.contains(type.asText())) {
            errors.notSupported("spec.strategy.type", type, types);
            return;
        }
        JsonNode rolling = strategy.get("rollingUpdate");
        if (type.asText().equals("Recreate")) {
            if (rolling != null && !rolling.isNull()) {
                errors.forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'");
            }
            return;
        }
        if (rolling == null || rolling.isNull()) {
            return;
        }
        JsonNode surge = rolling.path("maxSurge");
        JsonNode unavailable = rolling.path("maxUnavailable");
        intOrPercent(surge, "spec.strategy.rollingUpdate.maxSurge", errors);
        intOrPercent(unavailable, "spec.strategy.rollingUpdate.maxUnavailable", errors);
        if (percent(unavailable) > 100) {
            errors.invalid("spec.strategy.rollingUpdate.maxUnavailable", unavailable, "must not be greater than 100%");
        }
        if (isZero(surge) && isZero(unavailable)) {
            errors.invalid("spec.strategy.rollingUpdate.maxUnavailable", unavailable, "may not be 0 when `maxSurge` is 0");
        }
    }

    private static void intOrPercent(JsonNode value, String path, FieldErrors errors) {
        if (value.isNumber() && value.asLong() < 0) {
            errors.invalid(path, value.asLong(), "must be greater than or equal to 0");
        } else if (value.isTextual()) {
            if (!value.asText().matches("[0-9]+%")) {
                errors.invalid(path, value, "a valid percent string must be a numeric string followed by an ending '%' "
                        + "(e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')");
            }
        }
    }

    private static long percent(JsonNode value) {
        return value.isTextual() && value.asText().matches("[0-9]+%") ? Long.parseLong(value.asText().replace("%", "")) : -1;
    }

    private static boolean isZero(JsonNode value) {
        return (value.isNumber() && value.asLong() == 0) || (value.isTextual() && value.asText().equals("0%"));
    }

    static void nonNegative(JsonNode spec, String field, FieldErrors errors) {
        if (spec.path(field).isNumber() && spec.path(field).asLong() < 0) {
            errors.invalid("spec." + field, spec.path(field).asLong(), "must be greater than or equal to 0");
        }
    }

    private static void immutableSelector(JsonNode spec, ObjectNode old, FieldErrors errors) {
        if (old == null) {
            return;
        }
        JsonNode before = Selectors.canonical(old.path("spec").path("selector"));
        JsonNode after = Selectors.canonical(spec.path("selector"));
        if (!before.equals(after)) {
            errors.invalid("spec.selector", after, "field is immutable");
        }
    }
}
