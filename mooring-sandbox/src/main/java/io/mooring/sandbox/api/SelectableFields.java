package io.mooring.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.sandbox.catalog.ResourceType;
import io.mooring.sandbox.store.ApiException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The fields each kind lets field selectors use, with the value each has (absent numbers count as
 * 0, absent booleans as false, as the apiserver's typed objects have them), and the apiserver's
 * refusal of any other field: kinds with fields of their own answer {@code field label not
 * supported: F}, the others {@code "F" is not a known field selector: only "metadata.name",
 * "metadata.namespace"}.
 */
final class SelectableFields {
    private static final Function<JsonNode, String> NAME = o -> text(o, "metadata", "name");
    private static final Function<JsonNode, String> NAMESPACE = o -> text(o, "metadata", "namespace");
    private static final Map<String, Map<String, Function<JsonNode, String>>> BY_KIND = Map.of(
            "/Pod", fields(field("metadata.name", NAME),
                    field("metadata.namespace", NAMESPACE),
                    field("spec.nodeName", f("spec", "nodeName")),
                    field("spec.host", f("spec", "nodeName")),
                    field("spec.restartPolicy", f("spec", "restartPolicy")),
                    field("spec.schedulerName", f("spec", "schedulerName")),
                    field("spec.serviceAccountName", f("spec", "serviceAccountName")),
                    field("spec.hostNetwork", o -> Boolean.toString(o.path("spec").path("hostNetwork").asBoolean(false))),
                    field("status.phase", f("status", "phase")),
                    field("status.podIP", f("status", "podIP")),
                    field("status.podIPs", SelectableFields::podIps),
                    field("status.nominatedNodeName", f("status", "nominatedNodeName"))),
            "/Node", fields(field("metadata.name", NAME),
                    field("spec.unschedulable", o -> Boolean.toString(o.path("spec").path("unschedulable").asBoolean(false)))),
            "/ReplicationController", fields(field("metadata.name", NAME),
                    field("metadata.namespace", NAMESPACE),
                    field("status.replicas", number("status", "replicas"))),
            "/Event", fields(field("metadata.name", NAME),
                    field("metadata.namespace", NAMESPACE),
                    field("involvedObject.kind", f("involvedObject", "kind")),
                    field("involvedObject.namespace", f("involvedObject", "namespace")),
                    field("involvedObject.name", f("involvedObject", "name")),
                    field("involvedObject.uid", f("involvedObject", "uid")),
                    field("involvedObject.apiVersion", f("involvedObject", "apiVersion")),
                    field("involvedObject.resourceVersion", f("involvedObject", "resourceVersion")),
                    field("involvedObject.fieldPath", f("involvedObject", "fieldPath")),
                    field("reason", o -> o.path("reason").asText("")),
                    field("reportingComponent", o -> o.path("reportingComponent").asText("")),
                    field("source", f("source", "component")),
                    field("type", o -> o.path("type").asText(""))),
            "/Namespace", fields(field("metadata.name", NAME),
                    field("status.phase", f("status", "phase"))),
            "/Secret", fields(field("metadata.name", NAME),
                    field("metadata.namespace", NAMESPACE),
                    field("type", o -> o.path("type").asText(""))),
            "/Service", fields(field("metadata.name", NAME),
                    field("metadata.namespace", NAMESPACE),
                    field("spec.clusterIP", f("spec", "clusterIP")),
                    field("spec.type", f("spec", "type"))),
            "apps/ReplicaSet", fields(field("metadata.name", NAME),
                    field("metadata.namespace", NAMESPACE),
                    field("status.replicas", number("status", "replicas"))),
            "batch/Job", fields(field("metadata.name", NAME),
                    field("metadata.namespace", NAMESPACE),
                    field("status.successful", number("status", "succeeded"))),
            "certificates.k8s.io/CertificateSigningRequest", fields(field("metadata.name", NAME),
                    field("spec.signerName", f("spec", "signerName"))));

    private SelectableFields() {
    }

    /**
     * The objects a field selector matches, or a 400 as the apiserver gives when the selector
     * names a field this kind does not offer.
     */
    static Predicate<JsonNode> matcher(ResourceType type, boolean custom, FieldSelector selector) {
        if (selector.isEmpty()) {
            return o -> true;
        }
        Map<String, Function<JsonNode, String>> fields = BY_KIND.get(type.group() + "/" + type.kind());
        List<Predicate<JsonNode>> terms = new ArrayList<>();
        for (FieldSelector.Term term : selector.terms()) {
            Function<JsonNode, String> field = fields != null ? fields.get(term.field()) : standard(type, custom, term.field());
            if (field == null) {
                throw ApiException.badRequest(fields != null || custom ? "field label not supported: " + term.field()
                        : "\"" + term.field() + "\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"");
            }
            terms.add(o -> field.apply(o).equals(term.value()) == term.equal());
        }
        return o -> {
            for (Predicate<JsonNode> term : terms) {
                if (!term.test(o)) {
                    return false;
                }
            }
            return true;
        };
    }

    /** What every kind offers; a cluster-scoped custom resource has no namespace to select on. */
    private static Function<JsonNode, String> standard(ResourceType type, boolean custom, String field) {
        return switch (field) {
            case "metadata.name" -> NAME;
            case "metadata.namespace" -> custom && !type.namespaced() ? null : NAMESPACE;
            default -> null;
        };
    }

    private static Function<JsonNode, String> f(String parent, String child) {
        return o -> text(o, parent, child);
    }

    private static Function<JsonNode, String> number(String parent, String child) {
        return o -> Long.toString(o.path(parent).path(child).asLong(0));
    }

    private static String text(JsonNode object, String parent, String child) {
        JsonNode value = object.path(parent).path(child);
        return value.isValueNode() ? value.asText() : "";
    }

    private static String podIps(JsonNode pod) {
        List<String> ips = new ArrayList<>();
        pod.path("status").path("podIPs").forEach(ip -> ips.add(ip.path("ip").asText()));
        return String.join(",", ips);
    }

    private static Map.Entry<String, Function<JsonNode, String>> field(String name, Function<JsonNode, String> value) {
        return Map.entry(name, value);
    }

    @SafeVarargs
    private static Map<String, Function<JsonNode, String>> fields(Map.Entry<String, Function<JsonNode, String>>... entries) {
        Map<String, Function<JsonNode, String>> fields = new LinkedHashMap<>();
        for (Map.Entry<String, Function<JsonNode, String>> entry : entries) {
            fields.put(entry.getKey(), entry.getValue());
        }
        return fields;
    }
}
