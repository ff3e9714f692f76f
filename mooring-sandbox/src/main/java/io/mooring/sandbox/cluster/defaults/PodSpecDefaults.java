package io.mooring.sandbox.cluster.defaults;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.cluster.Nodes;

import java.util.List;

import static io.mooring.sandbox.cluster.Nodes.defaultInt;
import static io.mooring.sandbox.cluster.Nodes.defaultNonZero;
import static io.mooring.sandbox.cluster.Nodes.defaultText;
import static io.mooring.sandbox.cluster.Nodes.object;
import static io.mooring.sandbox.cluster.Nodes.objectOrNull;
import static io.mooring.sandbox.cluster.Nodes.objects;

/**
 * The defaults Kubernetes 1.34 gives every pod spec, in pods and in the templates of
 * workloads alike ({@code SetDefaults_PodSpec} and what the generated defaulters apply to its
 * containers, probes and volumes). Pod-only defaults are in {@link PodDefaults}.
 */
public final class PodSpecDefaults {
    /** File modes are printed in decimal: 0644 is 420. */
    static final int DEFAULT_MODE = 420;

    private PodSpecDefaults() {
    }

    /** A pod template: its metadata object always exists, then its spec's defaults. */
    public static void template(ObjectNode template) {
        object(template, "metadata");
        spec(object(template, "spec"));
    }

    public static void spec(ObjectNode spec) {
        defaultText(spec, "dnsPolicy", "ClusterFirst");
        defaultText(spec, "restartPolicy", "Always");
        if (Nodes.unset(spec, "securityContext")) {
            spec.putObject("securityContext");
        }
        defaultInt(spec, "terminationGracePeriodSeconds", 30);
        defaultText(spec, "schedulerName", "default-scheduler");
        serviceAccountAlias(spec);
        for (ObjectNode volume : objects(spec, "volumes")) {
            volume(volume);
        }
        for (String list : List.of("initContainers", "containers", "ephemeralContainers")) {
            for (ObjectNode container : objects(spec, list)) {
                container(container);
            }
        }
        ResourceLists.canonical(spec, "overhead", true);
    }

    /**
     * The deprecated {@code serviceAccount} field mirrors {@code serviceAccountName} in what the
     * server returns (the name wins; the old field fills it when only it is given).
     */
    private static void serviceAccountAlias(ObjectNode spec) {
        String name = Nodes.text(spec, "serviceAccountName");
        String alias = Nodes.text(spec, "serviceAccount");
        if (!name.isEmpty()) {
            spec.put("serviceAccount", name);
        } else if (!alias.isEmpty()) {
            spec.put("serviceAccountName", alias);
        }
    }

    static void container(ObjectNode container) {
        if (Nodes.empty(container, "imagePullPolicy")) {
            container.put("imagePullPolicy", "latest".equals(imageTag(container.path("image").asText(""))) ? "Always" : "IfNotPresent");
        }
        defaultText(container, "terminationMessagePath", "/dev/termination-log");
        defaultText(container, "terminationMessagePolicy", "File");
        for (ObjectNode port : objects(container, "ports")) {
            defaultText(port, "protocol", "TCP");
        }
        for (ObjectNode env : objects(container, "env")) {
            fieldRef(objectOrNull(objectOrNull(env, "valueFrom"), "fieldRef"));
        }
        ObjectNode resources = object(container, "resources");
        ResourceLists.canonical(resources, "limits", true);
        ResourceLists.canonical(resources, "requests", true);
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            ObjectNode p = objectOrNull(container, probe);
            if (p != null) {
                probe(p);
            }
        }
        ObjectNode lifecycle = objectOrNull(container, "lifecycle");
        if (lifecycle != null) {
            for (String hook : List.of("postStart", "preStop")) {
                httpGet(objectOrNull(objectOrNull(lifecycle, hook), "httpGet"));
            }
        }
    }

    static void probe(ObjectNode probe) {
        defaultNonZero(probe, "timeoutSeconds", 1);
        defaultNonZero(probe, "periodSeconds", 10);
        defaultNonZero(probe, "successThreshold", 1);
        defaultNonZero(probe, "failureThreshold", 3);
        httpGet(objectOrNull(probe, "httpGet"));
        ObjectNode grpc = objectOrNull(probe, "grpc");
        if (grpc != null && Nodes.unset(grpc, "service")) {
            grpc.put("service", "");
        }
    }

    private static void httpGet(ObjectNode httpGet) {
        if (httpGet != null) {
            defaultText(httpGet, "path", "/");
            defaultText(httpGet, "scheme", "HTTP");
        }
    }

    private static void fieldRef(ObjectNode fieldRef) {
        if (fieldRef != null) {
            defaultText(fieldRef, "apiVersion", "v1");
        }
    }

    static void volume(ObjectNode volume) {
        boolean hasSource = false;
        for (var field : volume.properties()) {
            hasSource |= !field.getKey().equals("name") && !field.getValue().isNull();
        }
        if (!hasSource) {
            volume.putObject("emptyDir");
        }
        for (String source : List.of("secret", "configMap", "downwardAPI", "projected")) {
            ObjectNode s = objectOrNull(volume, source);
            if (s != null) {
                defaultInt(s, "defaultMode", DEFAULT_MODE);
            }
        }
        ObjectNode downward = objectOrNull(volume, "downwardAPI");
        if (downward != null) {
            objects(downward, "items").forEach(item -> fieldRef(objectOrNull(item, "fieldRef")));
        }
        ObjectNode projected = objectOrNull(volume, "projected");
        if (projected != null) {
            for (ObjectNode source : objects(projected, "sources")) {
                ObjectNode d = objectOrNull(source, "downwardAPI");
                if (d != null) {
                    objects(d, "items").forEach(item -> fieldRef(objectOrNull(item, "fieldRef")));
                }
                ObjectNode token = objectOrNull(source, "serviceAccountToken");
                if (token != null) {
                    defaultInt(token, "expirationSeconds", 3600);
                }
            }
        }
        ObjectNode hostPath = objectOrNull(volume, "hostPath");
        if (hostPath != null && Nodes.unset(hostPath, "type")) {
            hostPath.put("type", "");
        }
        ObjectNode emptyDir = objectOrNull(volume, "emptyDir");
        if (emptyDir != null && emptyDir.hasNonNull("sizeLimit")) {
            emptyDir.put("sizeLimit", ResourceLists.quantity(emptyDir.get("sizeLimit"), false));
        }
        ObjectNode claimTemplate = objectOrNull(objectOrNull(volume, "ephemeral"), "volumeClaimTemplate");
        if (claimTemplate != null) {
            StorageDefaults.claimSpec(object(claimTemplate, "spec"));
        }
    }

    /**
     * The tag of an image reference as the kubelet's parser sees it: after the last colon that
     * follows the last slash, with a digest removed; {@code latest} when neither tag nor digest
     * is given. A digest without a tag has no tag.
     */
    public static String imageTag(String image) {
        if (image.isEmpty()) {
            return "";
        }
        String reference = image;
        boolean digest = false;
        int at = reference.indexOf('@');
        if (at >= 0) {
            reference = reference.substring(0, at);
            digest = true;
        }
        int slash = reference.lastIndexOf('/');
        int colon = reference.lastIndexOf(':');
        if (colon > slash) {
            return reference.substring(colon + 1);
        }
        return digest ? "" : "latest";
    }
}
