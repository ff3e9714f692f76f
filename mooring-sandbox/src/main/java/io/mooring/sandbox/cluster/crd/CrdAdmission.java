package io.mooring.sandbox.cluster.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.api.Admission;
import io.mooring.sandbox.catalog.ResourceType;
import io.mooring.sandbox.cluster.Nodes;
import io.mooring.sandbox.cluster.validation.FieldErrors;
import io.mooring.sandbox.cluster.validation.Names;

import java.util.List;
import java.util.Locale;

/**
 * What the apiextensions server does to a CustomResourceDefinition before storing it: the
 * default singular and list kind, the {@code None} conversion, the cleanup finalizer and the
 * stored versions; and the validation people run into (the name must be plural.group, one
 * storage version, a schema for every version, group and scope fixed once created).
 */
public final class CrdAdmission implements Admission {
    public static final String CLEANUP_FINALIZER = "customresourcecleanup.apiextensions.k8s.io";

    @Override
    public void admit(Operation operation, ResourceType type, ObjectNode crd, ObjectNode existing) {
        if (!type.group().equals("apiextensions.k8s.io") || !type.kind().equals("CustomResourceDefinition")) {
            return;
        }
        ObjectNode spec = Nodes.object(crd, "spec");
        ObjectNode names = Nodes.object(spec, "names");
        String kind = names.path("kind").asText("");
        Nodes.defaultText(names, "singular", kind.toLowerCase(Locale.ROOT));
        if (!kind.isEmpty()) {
            Nodes.defaultText(names, "listKind", kind + "List");
        }
        if (Nodes.unset(spec, "conversion")) {
            spec.putObject("conversion").put("strategy", "None");
        }
        ObjectNode service = Nodes.objectOrNull(Nodes.objectOrNull(Nodes.objectOrNull(spec.get("conversion"), "webhook"), "clientConfig"), "service");
        if (service != null) {
            Nodes.defaultInt(service, "port", 443);
        }
        ObjectNode status = Nodes.object(crd, "status");
        if (operation == Operation.CREATE) {
            ObjectNode accepted = status.putObject("acceptedNames");
            accepted.put("kind", "");
            accepted.put("plural", "");
            ArrayNode finalizers = Nodes.object(crd, "metadata").withArray("finalizers");
            if (!Nodes.strings(crd.path("metadata"), "finalizers").contains(CLEANUP_FINALIZER)) {
                finalizers.add(CLEANUP_FINALIZER);
            }
        }
        List<String> stored = Nodes.strings(status, "storedVersions");
        for (JsonNode version : spec.path("versions")) {
            if (version.path("storage").asBoolean(false) && !stored.contains(version.path("name").asText())) {
                status.withArray("storedVersions").add(version.path("name").asText());
            }
        }
        validate(crd, existing);
    }

    private static void validate(ObjectNode crd, ObjectNode existing) {
        FieldErrors errors = new FieldErrors();
        JsonNode spec = crd.path("spec");
        String name = Nodes.text(crd, "metadata", "name");
        String group = spec.path("group").asText("");
        String plural = spec.path("names").path("plural").asText("");
        if (!name.equals(plural + "." + group)) {
            errors.invalid("metadata.name", name, "must be spec.names.plural+\".\"+spec.group");
        }
        if (group.isEmpty()) {
            errors.required("spec.group", "");
        } else if (!group.contains(".")) {
            errors.invalid("spec.group", group, "should be a domain with at least one dot");
        }
        JsonNode scope = spec.path("scope");
        if (!List.of("Cluster", "Namespaced").contains(scope.asText())) {
            errors.notSupported("spec.scope", scope, List.of("Cluster", "Namespaced"));
        }
        if (plural.isEmpty()) {
            errors.required("spec.names.plural", "");
        } else {
            Names.dns1123Label(plural).forEach(m -> errors.invalid("spec.names.plural", plural, m));
        }
        if (spec.path("names").path("kind").asText("").isEmpty()) {
            errors.required("spec.names.kind", "");
        }
        versions(spec.path("versions"), errors);
        if (existing != null) {
            for (String field : List.of("group", "scope")) {
                if (!spec.path(field).equals(existing.path("spec").path(field))) {
                    errors.invalid("spec." + field, spec.path(field).asText(), "field is immutable");
                }
            }
        }
        errors.throwIfAny("apiextensions.k8s.io", "CustomResourceDefinition", name);
    }

    private static void versions(JsonNode versions, FieldErrors errors) {
        if (versions.isEmpty()) {
            errors.required("spec.versions", "must have exactly one version marked as storage version");
            return;
        }
        int storage = 0;
        for (int i = 0; i < versions.size(); i++) {
            JsonNode version = versions.get(i);
            String at = "spec.versions[" + i + "]";
            if (version.path("storage").asBoolean(false)) {
                storage++;
            }
            String name = version.path("name").asText("");
            if (name.isEmpty()) {
                errors.required(at + ".name", "");
            } else {
                Names.dns1035Label(name).forEach(m -> errors.invalid(at + ".name", name, m));
            }
            JsonNode schema = version.path("schema").path("openAPIV3Schema");
            if (!schema.isObject()) {
                errors.required(at + ".schema.openAPIV3Schema", "schemas are required");
            } else if (schema.path("type").asText("").isEmpty()) {
                errors.required(at + ".schema.openAPIV3Schema.type", "must not be empty at the root");
            } else if (!schema.path("type").asText().equals("object")) {
                errors.invalid(at + ".schema.openAPIV3Schema.type", schema.path("type").asText(), "must be object at the root");
            }
        }
        if (storage != 1) {
            errors.invalid("spec.versions", versions, "must have exactly one version marked as storage version");
        }
    }
}
