package io.mooring.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.Runtime;
import io.mooring.sandbox.store.ApiException;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Request bodies in Kubernetes' protobuf encoding, which kubectl's typed commands send
 * ({@code kubectl create namespace|configmap|secret|deployment}, {@code kubectl run},
 * {@code kubectl auth can-i}): the {@code k8s\0} envelope around a {@code runtime.Unknown}, whose raw
 * bytes are the object's message. Decoded with the Kubernetes message descriptors into the JSON
 * form the rest of the API works on, with the apimachinery types (Time, Quantity, IntOrString, raw
 * JSON) in their JSON shape. Answers stay JSON, which those clients also accept.
 */
final class ProtobufBodies {
    static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";
    private static final byte[] MAGIC = {'k', '8', 's', 0};
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The outer classes of the generated Kubernetes messages (one per API group version). */
    private static final List<String> OUTER_CLASSES = List.of("Meta", "V1", "V1Admission", "V1Admissionregistration", "V1Apps",
            "V1Authentication", "V1Authorization", "V1Autoscaling", "V1Batch", "V1Certificates", "V1Networking", "V1Policy", "V1Rbac",
            "V1Scheduling", "V1Storage", "V1beta1Apiextensions", "V2beta2Autoscaling");

    /** Fields Kubernetes' Go types hold as pointers, so that zero or false is a value rather than "unset". */
    private static final java.util.Set<String> POINTERS = java.util.Set.of("replicas", "parallelism", "completions", "backoffLimit",
            "activeDeadlineSeconds", "ttlSecondsAfterFinished", "suspend", "startingDeadlineSeconds", "successfulJobsHistoryLimit",
            "failedJobsHistoryLimit", "revisionHistoryLimit", "progressDeadlineSeconds", "terminationGracePeriodSeconds",
            "automountServiceAccountToken", "enableServiceLinks", "runAsUser", "runAsGroup", "runAsNonRoot", "privileged",
            "readOnlyRootFilesystem", "allowPrivilegeEscalation", "optional", "defaultMode", "immutable", "expirationSeconds",
            "minAvailable", "maxUnavailable", "maxSurge", "partition", "shareProcessNamespace", "hostUsers", "priority");

    /** Kinds every group version carries, whose messages are apimachinery's. */
    private static final java.util.Set<String> OPTIONS = java.util.Set.of("DeleteOptions", "CreateOptions", "UpdateOptions", "PatchOptions");

    private ProtobufBodies() {
    }

    static boolean isProtobuf(String contentType) {
        return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith(MEDIA_TYPE);
    }

    /** The body as JSON, or a 415 naming the kind when the sandbox has no message for it. */
    static ObjectNode decode(byte[] body) {
        if (body.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(body, MAGIC.length), MAGIC)) {
            throw ApiException.badRequest("the protobuf body does not start with the Kubernetes envelope (k8s\\0)");
        }
        Runtime.Unknown unknown;
        try {
            unknown = Runtime.Unknown.parseFrom(Arrays.copyOfRange(body, MAGIC.length, body.length));
        } catch (InvalidProtocolBufferException e) {
            throw ApiException.badRequest("the protobuf body is not a Kubernetes object: " + e.getMessage());
        }
        String apiVersion = unknown.getTypeMeta().getApiVersion();
        String kind = unknown.getTypeMeta().getKind();
        Descriptor descriptor = Registry.MESSAGES.get(messageName(apiVersion, kind));
        if (descriptor == null) {
            throw new ApiException(415, "UnsupportedMediaType", "the sandbox cannot read " + kind + " (" + apiVersion + ") in protobuf; "
                    + "send it as JSON or YAML (kubectl apply -f or kubectl create -f)", null, null, null);
        }
        try {
            ObjectNode object = (ObjectNode) toJson(DynamicMessage.parseFrom(descriptor, unknown.getRaw()));
            ObjectNode result = NODES.objectNode();
            result.put("apiVersion", apiVersion);
            result.put("kind", kind);
            result.setAll(object);
            return result;
        } catch (InvalidProtocolBufferException e) {
            throw ApiException.badRequest("the protobuf body is not a valid " + kind + ": " + e.getMessage());
        }
    }

    /** {@code apps/v1 Deployment} is {@code k8s.io.api.apps.v1.Deployment}; options kinds are apimachinery's. */
    private static String messageName(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        if (group.equals("meta.k8s.io") || OPTIONS.contains(kind)) {
            return "k8s.io.apimachinery.pkg.apis.meta." + version + "." + kind;
        }
        if (group.equals("apiextensions.k8s.io")) {
            return "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions." + version + "." + kind;
        }
        return "k8s.io.api." + (group.isEmpty() ? "core" : group.substring(0, group.indexOf('.') < 0 ? group.length() : group.indexOf('.')))
                + "." + version + "." + kind;
    }

    private static JsonNode toJson(Message message) {
        String type = message.getDescriptorForType().getFullName();
        switch (type) {
            case "k8s.io.apimachinery.pkg.apis.meta.v1.Time", "k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime" -> {
                Map<String, Object> fields = byName(message);
                if (fields.isEmpty()) {
                    return NODES.nullNode();
                }
                Instant time = Instant.ofEpochSecond(((Number) fields.getOrDefault("seconds", 0L)).longValue(),
                        ((Number) fields.getOrDefault("nanos", 0)).longValue());
                return NODES.textNode(type.endsWith("MicroTime") ? time.truncatedTo(ChronoUnit.MICROS).toString()
                        : time.truncatedTo(ChronoUnit.SECONDS).toString());
            }
            case "k8s.io.apimachinery.pkg.api.resource.Quantity" -> {
                return NODES.textNode(String.valueOf(byName(message).getOrDefault("string", "0")));
            }
            case "k8s.io.apimachinery.pkg.util.intstr.IntOrString" -> {
                Map<String, Object> fields = byName(message);
                return ((Number) fields.getOrDefault("type", 0L)).intValue() == 1 ? NODES.textNode(String.valueOf(fields.getOrDefault("strVal", "")))
                        : NODES.numberNode(((Number) fields.getOrDefault("intVal", 0)).intValue());
            }
            case "k8s.io.apimachinery.pkg.runtime.RawExtension", "k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1",
                 "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSON" -> {
                Object raw = byName(message).getOrDefault("raw", byName(message).get("Raw"));
                return raw instanceof ByteString bytes ? rawJson(bytes) : NODES.nullNode();
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
                    JsonNode value = value(field.getKey(), field.getValue());
                    if (!omitted(field.getKey(), value)) {
                        object.set(field.getKey().getJsonName(), value);
                    }
                }
                return object;
            }
        }
    }

    /**
     * Go writes every plain field of a message, zero or not, while its JSON leaves zero values out
     * ({@code omitempty}): a zero scalar is dropped, unless the field is one of those Go keeps as a
     * pointer, where an explicit zero (0 replicas, automount false) means something.
     */
    private static boolean omitted(FieldDescriptor field, JsonNode value) {
        if (field.isRepeated() || !value.isValueNode()) {
            return false;
        }
        boolean zero = value.isTextual() ? value.asText().isEmpty() : value.isBoolean() ? !value.asBoolean()
                : value.isNumber() && value.asDouble() == 0;
        return zero && !(POINTERS.contains(field.getName()) && !value.isTextual());
    }

    private static JsonNode value(FieldDescriptor field, Object value) {
        if (field.isMapField()) {
            ObjectNode map = NODES.objectNode();
            for (Object entry : (List<?>) value) {
                Message pair = (Message) entry;
                FieldDescriptor key = pair.getDescriptorForType().findFieldByName("key");
                FieldDescriptor mapped = pair.getDescriptorForType().findFieldByName("value");
                map.set(String.valueOf(pair.getField(key)), single(mapped, pair.getField(mapped)));
            }
            return map;
        }
        if (field.isRepeated()) {
            ArrayNode array = NODES.arrayNode();
            ((List<?>) value).forEach(item -> array.add(single(field, item)));
            return array;
        }
        return single(field, value);
    }

    private static JsonNode single(FieldDescriptor field, Object value) {
        return switch (field.getJavaType()) {
            case MESSAGE -> toJson((Message) value);
            case BYTE_STRING -> NODES.textNode(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
            case BOOLEAN -> NODES.booleanNode((Boolean) value);
            case INT -> NODES.numberNode((Integer) value);
            case LONG -> NODES.numberNode((Long) value);
            case FLOAT -> NODES.numberNode((Float) value);
            case DOUBLE -> NODES.numberNode((Double) value);
            case ENUM -> NODES.textNode(value.toString());
            case STRING -> NODES.textNode((String) value);
        };
    }

    private static Map<String, Object> byName(Message message) {
        Map<String, Object> fields = new HashMap<>();
        message.getAllFields().forEach((field, value) -> fields.put(field.getName(), value));
        return fields;
    }

    private static JsonNode rawJson(ByteString bytes) {
        try {
            return JSON.readTree(bytes.toByteArray());
        } catch (IOException e) {
            return NODES.textNode(bytes.toStringUtf8());
        }
    }

    /** The Kubernetes message descriptors by full name, read once, when the first protobuf body arrives. */
    private static final class Registry {
        static final Map<String, Descriptor> MESSAGES = load();

        private static Map<String, Descriptor> load() {
            Map<String, Descriptor> messages = new HashMap<>();
            for (String outer : OUTER_CLASSES) {
                try {
                    Class<?> generated = Class.forName("io.kubernetes.client.proto." + outer);
                    FileDescriptor file = (FileDescriptor) generated.getMethod("getDescriptor").invoke(null);
                    file.getMessageTypes().forEach(type -> add(messages, type));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("the Kubernetes protobuf messages are missing from the class path: " + outer, e);
                }
            }
            return messages;
        }

        private static void add(Map<String, Descriptor> messages, Descriptor type) {
            messages.put(type.getFullName(), type);
            type.getNestedTypes().forEach(nested -> add(messages, nested));
        }
    }
}
