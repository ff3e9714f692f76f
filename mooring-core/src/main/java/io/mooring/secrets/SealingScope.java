package io.mooring.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Where a sealed value may be unsealed, as Sealed Secrets defines it. The scope is bound into the
 * ciphertext as the RSA-OAEP label, so a value sealed for {@code shop/db} fails to open as
 * {@code other/db}: moving a SealedSecret to another namespace or name cannot reveal it there.
 */
public enum SealingScope {
    /** Bound to namespace and name (the default). */
    STRICT("strict"),
    /** Bound to the namespace; any name. */
    NAMESPACE_WIDE("namespace-wide"),
    /** Unsealable anywhere in the cluster. */
    CLUSTER_WIDE("cluster-wide");

    public static final String NAMESPACE_WIDE_ANNOTATION = "sealedsecrets.bitnami.com/namespace-wide";
    public static final String CLUSTER_WIDE_ANNOTATION = "sealedsecrets.bitnami.com/cluster-wide";

    private final String text;

    SealingScope(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** {@code strict}, {@code namespace-wide} or {@code cluster-wide}, as kubeseal's {@code --scope} takes it. */
    public static SealingScope parse(String text) {
        for (SealingScope scope : values()) {
            if (scope.text.equals(text)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("scope '" + text + "' is none of "
                + Arrays.stream(values()).map(SealingScope::text).collect(Collectors.joining(", ")));
    }

    /** The scope an object's annotations declare: cluster-wide wins over namespace-wide, strict otherwise. */
    public static SealingScope of(JsonNode metadata) {
        JsonNode annotations = metadata.path("annotations");
        if ("true".equals(annotations.path(CLUSTER_WIDE_ANNOTATION).asText())) {
            return CLUSTER_WIDE;
        }
        if ("true".equals(annotations.path(NAMESPACE_WIDE_ANNOTATION).asText())) {
            return NAMESPACE_WIDE;
        }
        return STRICT;
    }

    /** The RSA-OAEP label: {@code namespace/name}, {@code namespace}, or empty. */
    public byte[] label(String namespace, String name) {
        String label = switch (this) {
            case STRICT -> namespace + "/" + name;
            case NAMESPACE_WIDE -> namespace;
            case CLUSTER_WIDE -> "";
        };
        return label.getBytes(StandardCharsets.UTF_8);
    }

    /** Sets this scope's annotation on {@code metadata} and removes the other's, as kubeseal does. */
    public void annotate(ObjectNode metadata) {
        ObjectNode annotations = metadata.with("annotations");
        annotations.remove(NAMESPACE_WIDE_ANNOTATION);
        annotations.remove(CLUSTER_WIDE_ANNOTATION);
        switch (this) {
            case NAMESPACE_WIDE -> annotations.put(NAMESPACE_WIDE_ANNOTATION, "true");
            case CLUSTER_WIDE -> annotations.put(CLUSTER_WIDE_ANNOTATION, "true");
            case STRICT -> {
            }
        }
        if (annotations.isEmpty()) {
            metadata.remove("annotations");
        }
    }

    /** Where a value of this scope can be opened, for messages. */
    public String describe(String namespace, String name) {
        return switch (this) {
            case STRICT -> "strict scope (namespace/name \"" + namespace + "/" + name + "\")";
            case NAMESPACE_WIDE -> "namespace-wide scope (namespace \"" + namespace + "\")";
            case CLUSTER_WIDE -> "cluster-wide scope";
        };
    }
}
