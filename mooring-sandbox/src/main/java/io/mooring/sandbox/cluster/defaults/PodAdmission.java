package io.mooring.sandbox.cluster.defaults;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.api.Admission;
import io.mooring.sandbox.catalog.ResourceType;
import io.mooring.sandbox.cluster.Nodes;
import io.mooring.sandbox.store.ApiException;
import io.mooring.sandbox.store.ObjectStore;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import static io.mooring.sandbox.cluster.Nodes.object;
import static io.mooring.sandbox.cluster.Nodes.objects;

/**
 * The admission plugins a real API server runs on every new Pod: ServiceAccount (the account
 * must exist; its token, CA bundle and namespace are mounted as the projected volume
 * {@code kube-api-access-*}), Priority (the class's value and preemption policy) and
 * DefaultTolerationSeconds (five minutes on not-ready and unreachable nodes).
 */
public final class PodAdmission implements Admission {
    public static final String TOKEN_MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
    private static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    /** The classes every cluster has; they also exist as objects (see {@code ClusterPlane.bootstrap}). */
    static final Map<String, Long> SYSTEM_PRIORITY_CLASSES = Map.of("system-cluster-critical", 2_000_000_000L,
            "system-node-critical", 2_000_001_000L);

    private final ObjectStore store;
    private final Consumer<String> createDefaultAccount;

    /**
     * @param createDefaultAccount creates the {@code default} ServiceAccount of a namespace that
     *                             lacks it yet: a real plugin waits up to a second or two for
     *                             the controller to make it; creating it here, inside the write,
     *                             has the same outcome without holding the store
     */
    public PodAdmission(ObjectStore store, Consumer<String> createDefaultAccount) {
        this.store = store;
        this.createDefaultAccount = createDefaultAccount;
    }

    @Override
    public void admit(Operation operation, ResourceType type, ObjectNode pod, ObjectNode existing) {
        if (operation != Operation.CREATE || !type.group().isEmpty() || !type.kind().equals("Pod")) {
            return;
        }
        String namespace = Nodes.text(pod, "metadata", "namespace");
        String name = Nodes.text(pod, "metadata", "name");
        ObjectNode spec = object(pod, "spec");
        serviceAccount(namespace, name, spec);
        priority(name, spec);
        tolerations(spec);
    }

    private void serviceAccount(String namespace, String pod, ObjectNode spec) {
        if (Nodes.empty(spec, "serviceAccountName")) {
            spec.put("serviceAccountName", "default");
        }
        String name = spec.get("serviceAccountName").asText();
        spec.put("serviceAccount", name);
        if (name.equals("default") && store.get("/serviceaccounts", namespace, name).isEmpty()) {
            createDefaultAccount.accept(namespace);
        }
        ObjectNode account = store.get("/serviceaccounts", namespace, name).orElseThrow(() -> ApiException.forbidden(
                "pods \"" + pod + "\" is forbidden: error looking up service account " + namespace + "/" + name
                        + ": serviceaccount \"" + name + "\" not found"));
        boolean automount = spec.has("automountServiceAccountToken")
                ? spec.get("automountServiceAccountToken").asBoolean(true)
                : account.path("automountServiceAccountToken").asBoolean(true);
        if (!automount || hasTokenVolume(spec)) {
            return;
        }
        String volume = "kube-api-access-" + randomSuffix();
        spec.withArray("volumes").add(tokenVolume(volume));
        for (String list : List.of("initContainers", "containers")) {
            for (ObjectNode container : objects(spec, list)) {
                boolean mounted = objects(container, "volumeMounts").stream()
                        .anyMatch(m -> m.path("mountPath").asText().equals(TOKEN_MOUNT_PATH));
                if (!mounted) {
                    ObjectNode mount = container.withArray("volumeMounts").addObject();
                    mount.put("mountPath", TOKEN_MOUNT_PATH);
                    mount.put("name", volume);
                    mount.put("readOnly", true);
                }
            }
        }
    }

    private static boolean hasTokenVolume(ObjectNode spec) {
        return objects(spec, "volumes").stream().anyMatch(v -> v.path("name").asText().startsWith("kube-api-access-"));
    }

    /** The projected volume as the ServiceAccount plugin writes it (defaults included, as they follow). */
    private static ObjectNode tokenVolume(String name) {
        ObjectNode volume = Nodes.JSON.objectNode();
        volume.put("name", name);
        ObjectNode projected = volume.putObject("projected");
        projected.put("defaultMode", PodSpecDefaults.DEFAULT_MODE);
        ArrayNode sources = projected.putArray("sources");
        ObjectNode token = sources.addObject().putObject("serviceAccountToken");
        token.put("expirationSeconds", 3607);
        token.put("path", "token");
        ObjectNode configMap = sources.addObject().putObject("configMap");
        ObjectNode item = configMap.putArray("items").addObject();
        item.put("key", "ca.crt");
        item.put("path", "ca.crt");
        configMap.put("name", "kube-root-ca.crt");
        ObjectNode downward = sources.addObject().putObject("downwardAPI");
        ObjectNode field = downward.putArray("items").addObject();
        ObjectNode fieldRef = field.putObject("fieldRef");
        fieldRef.put("apiVersion", "v1");
        fieldRef.put("fieldPath", "metadata.namespace");
        field.put("path", "namespace");
        return volume;
    }

    private void priority(String pod, ObjectNode spec) {
        String className = Nodes.text(spec, "priorityClassName");
        Optional<ObjectNode> priorityClass;
        if (className.isEmpty()) {
            priorityClass = store.list("scheduling.k8s.io/priorityclasses", null,
                    c -> c.path("globalDefault").asBoolean(false)).items().stream().findFirst();
            priorityClass.ifPresent(c -> spec.put("priorityClassName", Nodes.text(c, "metadata", "name")));
        } else {
            priorityClass = store.get("scheduling.k8s.io/priorityclasses", "", className);
            if (priorityClass.isEmpty() && !SYSTEM_PRIORITY_CLASSES.containsKey(className)) {
                throw ApiException.forbidden("pods \"" + pod + "\" is forbidden: no PriorityClass with name " + className + " was found");
            }
        }
        long value = priorityClass.map(c -> c.path("value").asLong(0)).orElse(SYSTEM_PRIORITY_CLASSES.getOrDefault(className, 0L));
        spec.put("priority", (int) value);
        spec.put("preemptionPolicy", priorityClass.map(c -> c.path("preemptionPolicy").asText("PreemptLowerPriority"))
                .orElse("PreemptLowerPriority"));
    }

    private static void tolerations(ObjectNode spec) {
        for (String key : List.of("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable")) {
            boolean tolerated = false;
            for (ObjectNode toleration : objects(spec, "tolerations")) {
                String effect = toleration.path("effect").asText("");
                String tolerationKey = toleration.path("key").asText("");
                boolean keyMatches = tolerationKey.equals(key)
                        || (tolerationKey.isEmpty() && toleration.path("operator").asText("").equals("Exists"));
                tolerated |= keyMatches && (effect.isEmpty() || effect.equals("NoExecute"));
            }
            if (!tolerated) {
                ObjectNode toleration = spec.withArray("tolerations").addObject();
                toleration.put("effect", "NoExecute");
                toleration.put("key", key);
                toleration.put("operator", "Exists");
                toleration.put("tolerationSeconds", 300);
            }
        }
    }

    private static String randomSuffix() {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            suffix.append(SUFFIX_ALPHABET.charAt(ThreadLocalRandom.current().nextInt(SUFFIX_ALPHABET.length())));
        }
        return suffix.toString();
    }
}
