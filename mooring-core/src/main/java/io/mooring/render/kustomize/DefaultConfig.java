package io.mooring.render.kustomize;

import java.util.List;

/**
 * The field specs kustomize v5 uses when a kustomization adds no configuration of its own: where
 * names, labels, annotations, namespaces, images and replica counts live in the built-in kinds, and
 * which fields of which kinds name a ConfigMap, Secret, ServiceAccount and so on. Expressed as
 * tables over the workload kinds, which share their pod template's layout.
 */
final class DefaultConfig {
    /** Kinds with a pod template, and where their pod spec is. */
    private record Workload(Gvk gvk, String podSpec) {
    }

    private static final Workload POD = new Workload(new Gvk("", "v1", "Pod"), "spec/");
    private static final Workload DEPLOYMENT = new Workload(new Gvk("", "", "Deployment"), "spec/template/spec/");
    private static final Workload REPLICA_SET = new Workload(new Gvk("", "", "ReplicaSet"), "spec/template/spec/");
    private static final Workload DAEMON_SET = new Workload(new Gvk("", "", "DaemonSet"), "spec/template/spec/");
    private static final Workload STATEFUL_SET = new Workload(new Gvk("", "", "StatefulSet"), "spec/template/spec/");
    private static final Workload JOB = new Workload(new Gvk("", "", "Job"), "spec/template/spec/");
    private static final Workload CRON_JOB = new Workload(new Gvk("", "", "CronJob"), "spec/jobTemplate/spec/template/spec/");
    private static final Workload REPLICATION_CONTROLLER = new Workload(new Gvk("", "", "ReplicationController"), "spec/template/spec/");

    /** Workloads whose pods may mount ConfigMaps and Secrets by name. */
    private static final List<Workload> CONFIG_CONSUMERS = List.of(POD, DEPLOYMENT, REPLICA_SET, DAEMON_SET, STATEFUL_SET, JOB, CRON_JOB);
    /** Workloads whose pods name a service account, claims, a priority class (kustomize leaves ReplicaSet out). */
    private static final List<Workload> POD_OWNERS = List.of(POD, STATEFUL_SET, DEPLOYMENT, REPLICATION_CONTROLLER, CRON_JOB, JOB, DAEMON_SET);

    private static final List<String> CONFIG_MAP_IN_POD = List.of("volumes/configMap/name",
            "containers/env/valueFrom/configMapKeyRef/name", "initContainers/env/valueFrom/configMapKeyRef/name",
            "containers/envFrom/configMapRef/name", "initContainers/envFrom/configMapRef/name",
            "volumes/projected/sources/configMap/name");
    private static final List<String> SECRET_IN_POD = List.of("volumes/secret/secretName",
            "containers/env/valueFrom/secretKeyRef/name", "initContainers/env/valueFrom/secretKeyRef/name",
            "containers/envFrom/secretRef/name", "initContainers/envFrom/secretRef/name", "imagePullSecrets/name",
            "volumes/projected/sources/secret/name");
    private static final List<String> VARS_IN_POD = List.of("containers/args", "containers/command",
            "containers/env/value", "containers/volumeMounts/mountPath", "initContainers/args", "initContainers/command",
            "initContainers/env/value", "initContainers/volumeMounts/mountPath", "volumes/nfs/server");

    /** Kinds with a pod template whose metadata gets labels and annotations, and where. */
    private static final List<FieldSpec> TEMPLATE_METADATA = List.of(
            spec("", "v1", "ReplicationController", "spec/template/metadata", true),
            spec("", "", "Deployment", "spec/template/metadata", true),
            spec("", "", "ReplicaSet", "spec/template/metadata", true),
            spec("", "", "DaemonSet", "spec/template/metadata", true),
            spec("apps", "", "StatefulSet", "spec/template/metadata", true),
            spec("batch", "", "Job", "spec/template/metadata", true),
            spec("batch", "", "CronJob", "spec/jobTemplate/metadata", true),
            spec("batch", "", "CronJob", "spec/jobTemplate/spec/template/metadata", true));

    private DefaultConfig() {
    }

    static TransformerConfig create() {
        TransformerConfig config = new TransformerConfig();
        config.addSpec("namePrefix", FieldSpec.of("metadata/name", false));
        config.addSpec("nameSuffix", FieldSpec.of("metadata/name", false));
        namespace(config);
        labels(config);
        annotations(config);
        varReference(config);
        images(config);
        replicas(config);
        nameReferences(config);
        return config;
    }

    private static void namespace(TransformerConfig config) {
        config.addSpec("namespace", FieldSpec.of("metadata/namespace", true));
        config.addSpec("namespace", spec("", "", "Namespace", "metadata/name", true));
        config.addSpec("namespace", spec("apiregistration.k8s.io", "", "APIService", "spec/service/namespace", true));
        config.addSpec("namespace", spec("apiextensions.k8s.io", "", "CustomResourceDefinition",
                "spec/conversion/webhook/clientConfig/service/namespace", false));
    }

    private static void labels(TransformerConfig config) {
        // Where a `labels` entry without includeSelectors puts its labels; configurations may add more.
        config.addSpec("labels", FieldSpec.of("metadata/labels", true));
        // Selectors first: commonLabels change what workloads select, unlike `labels`.
        for (String category : List.of("commonLabels", "templateLabels")) {
            config.addSpec(category, FieldSpec.of("metadata/labels", true));
            for (FieldSpec template : TEMPLATE_METADATA) {
                config.addSpec(category, new FieldSpec(template.gvk(), template.path() + "/labels", true));
            }
            config.addSpec(category, spec("apps", "", "StatefulSet", "spec/volumeClaimTemplates[]/metadata/labels", true));
        }
        config.addSpec("commonLabels", spec("", "v1", "Service", "spec/selector", true));
        config.addSpec("commonLabels", spec("", "v1", "ReplicationController", "spec/selector", true));
        config.addSpec("commonLabels", spec("", "", "Deployment", "spec/selector/matchLabels", true));
        config.addSpec("commonLabels", spec("", "", "ReplicaSet", "spec/selector/matchLabels", true));
        config.addSpec("commonLabels", spec("", "", "DaemonSet", "spec/selector/matchLabels", true));
        config.addSpec("commonLabels", spec("apps", "", "StatefulSet", "spec/selector/matchLabels", true));
        for (String kind : List.of("Deployment", "StatefulSet")) {
            for (String affinity : List.of(
                    "podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels",
                    "podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels",
                    "podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels",
                    "podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels")) {
                config.addSpec("commonLabels", spec("apps", "", kind, "spec/template/spec/affinity/" + affinity, false));
            }
            config.addSpec("commonLabels", spec("apps", "", kind, "spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels", false));
        }
        config.addSpec("commonLabels", spec("batch", "", "Job", "spec/selector/matchLabels", false));
        config.addSpec("commonLabels", spec("batch", "", "CronJob", "spec/jobTemplate/spec/selector/matchLabels", false));
        config.addSpec("commonLabels", spec("policy", "", "PodDisruptionBudget", "spec/selector/matchLabels", false));
        config.addSpec("commonLabels", spec("networking.k8s.io", "", "NetworkPolicy", "spec/podSelector/matchLabels", false));
        config.addSpec("commonLabels", spec("networking.k8s.io", "", "NetworkPolicy", "spec/ingress/from/podSelector/matchLabels", false));
        config.addSpec("commonLabels", spec("networking.k8s.io", "", "NetworkPolicy", "spec/egress/to/podSelector/matchLabels", false));
    }

    private static void annotations(TransformerConfig config) {
        config.addSpec("commonAnnotations", FieldSpec.of("metadata/annotations", true));
        for (FieldSpec template : TEMPLATE_METADATA) {
            // kustomize's annotation specs name StatefulSet without its group.
            Gvk gvk = template.gvk().kind().equals("StatefulSet") ? new Gvk("", "", "StatefulSet") : template.gvk();
            config.addSpec("commonAnnotations", new FieldSpec(gvk, template.path() + "/annotations", true));
        }
    }

    private static void varReference(TransformerConfig config) {
        for (Workload workload : List.of(CRON_JOB, DAEMON_SET, DEPLOYMENT, JOB, POD, REPLICA_SET, STATEFUL_SET)) {
            Gvk kindOnly = new Gvk("", "", workload.gvk().kind());
            for (String path : VARS_IN_POD) {
                String full = workload.podSpec() + path;
                if (workload == CRON_JOB && path.equals("volumes/nfs/server")) {
                    // kustomize v5.5's default has this path one level off (no "spec/" after "template/"); kept for output parity.
                    full = "spec/jobTemplate/spec/template/volumes/nfs/server";
                }
                if (workload == STATEFUL_SET && path.equals("volumes/nfs/server")) {
                    // kustomize v5.5 has no such entry for StatefulSets (only their volumeClaimTemplates').
                    continue;
                }
                config.addSpec("varReference", new FieldSpec(kindOnly, full, false));
            }
        }
        config.addSpec("varReference", spec("", "", "Ingress", "spec/rules/host", false));
        config.addSpec("varReference", spec("", "", "Ingress", "spec/tls/hosts", false));
        config.addSpec("varReference", spec("", "", "Ingress", "spec/tls/secretName", false));
        config.addSpec("varReference", spec("", "", "Service", "spec/ports/port", false));
        config.addSpec("varReference", spec("", "", "Service", "spec/ports/targetPort", false));
        config.addSpec("varReference", spec("", "", "StatefulSet", "spec/volumeClaimTemplates/spec/nfs/server", false));
        config.addSpec("varReference", spec("", "", "PersistentVolume", "spec/nfs/server", false));
        config.addSpec("varReference", FieldSpec.of("metadata/labels", false));
        config.addSpec("varReference", FieldSpec.of("metadata/annotations", false));
    }

    private static void images(TransformerConfig config) {
        for (String path : List.of("spec/containers[]/image", "spec/initContainers[]/image",
                "spec/template/spec/containers[]/image", "spec/template/spec/initContainers[]/image")) {
            config.addSpec("images", FieldSpec.of(path, true));
        }
    }

    private static void replicas(TransformerConfig config) {
        for (String kind : List.of("Deployment", "StatefulSet", "ReplicaSet", "ReplicationController")) {
            config.addSpec("replicas", spec("", "", kind, "spec/replicas", true));
        }
    }

    private static void nameReferences(TransformerConfig config) {
        for (String kind : List.of("Deployment", "ReplicationController", "ReplicaSet", "StatefulSet")) {
            config.addNameReference(new Gvk("", "", kind), spec("", "", "HorizontalPodAutoscaler", "spec/scaleTargetRef/name", false));
        }
        Gvk configMap = new Gvk("", "v1", "ConfigMap");
        podReferences(config, configMap, CONFIG_CONSUMERS, CONFIG_MAP_IN_POD);
        config.addNameReference(configMap, spec("", "", "Node", "spec/configSource/configMap", false));
        config.addNameReference(configMap, spec("", "", "Role", "rules/resourceNames", false));
        config.addNameReference(configMap, spec("", "", "ClusterRole", "rules/resourceNames", false));
        config.addNameReference(configMap, spec("", "", "Ingress", "metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap", false));
        // kustomize v5.5 knows Knative Services only as referrers of Secrets (its ConfigMap entries came later).

        Gvk secret = new Gvk("", "v1", "Secret");
        podReferences(config, secret, CONFIG_CONSUMERS, SECRET_IN_POD);
        config.addNameReference(secret, spec("", "", "Ingress", "spec/tls/secretName", false));
        for (String annotation : List.of("ingress.kubernetes.io\\/auth-secret", "nginx.ingress.kubernetes.io\\/auth-secret",
                "nginx.ingress.kubernetes.io\\/auth-tls-secret")) {
            config.addNameReference(secret, spec("", "", "Ingress", "metadata/annotations/" + annotation, false));
        }
        config.addNameReference(secret, spec("", "", "ServiceAccount", "imagePullSecrets/name", false));
        for (String parameter : List.of("secretName", "adminSecretName", "userSecretName", "secretRef")) {
            config.addNameReference(secret, spec("", "", "StorageClass", "parameters/" + parameter, false));
        }
        config.addNameReference(secret, spec("", "", "Role", "rules/resourceNames", false));
        config.addNameReference(secret, spec("", "", "ClusterRole", "rules/resourceNames", false));
        config.addNameReference(secret, spec("serving.knative.dev", "v1", "Service", "spec/template/spec/containers/env/valueFrom/secretKeyRef/name", false));
        config.addNameReference(secret, spec("", "", "PersistentVolume", "spec/azureFile/secretName", false));

        Gvk service = new Gvk("", "v1", "Service");
        config.addNameReference(service, spec("apps", "", "StatefulSet", "spec/serviceName", false));
        config.addNameReference(service, spec("", "", "Ingress", "spec/rules/http/paths/backend/serviceName", false));
        config.addNameReference(service, spec("", "", "Ingress", "spec/backend/serviceName", false));
        config.addNameReference(service, spec("", "", "Ingress", "spec/rules/http/paths/backend/service/name", false));
        config.addNameReference(service, spec("", "", "Ingress", "spec/defaultBackend/service/name", false));
        config.addNameReference(service, spec("apiregistration.k8s.io", "", "APIService", "spec/service/name", false));
        config.addNameReference(service, spec("admissionregistration.k8s.io", "", "ValidatingWebhookConfiguration", "webhooks/clientConfig/service", false));
        config.addNameReference(service, spec("admissionregistration.k8s.io", "", "MutatingWebhookConfiguration", "webhooks/clientConfig/service", false));

        String rbac = "rbac.authorization.k8s.io";
        config.addNameReference(new Gvk(rbac, "", "Role"), spec(rbac, "", "RoleBinding", "roleRef/name", false));
        config.addNameReference(new Gvk(rbac, "", "ClusterRole"), spec(rbac, "", "RoleBinding", "roleRef/name", false));
        config.addNameReference(new Gvk(rbac, "", "ClusterRole"), spec(rbac, "", "ClusterRoleBinding", "roleRef/name", false));

        Gvk serviceAccount = new Gvk("", "v1", "ServiceAccount");
        config.addNameReference(serviceAccount, spec(rbac, "", "RoleBinding", "subjects", false));
        config.addNameReference(serviceAccount, spec(rbac, "", "ClusterRoleBinding", "subjects", false));
        podReferences(config, serviceAccount, POD_OWNERS, List.of("serviceAccountName"));

        podReferences(config, new Gvk("", "v1", "PersistentVolumeClaim"), POD_OWNERS, List.of("volumes/persistentVolumeClaim/claimName"));

        Gvk persistentVolume = new Gvk("", "v1", "PersistentVolume");
        config.addNameReference(persistentVolume, spec("", "", "PersistentVolumeClaim", "spec/volumeName", false));
        config.addNameReference(persistentVolume, spec("", "", "ClusterRole", "rules/resourceNames", false));

        Gvk storageClass = new Gvk("storage.k8s.io", "v1", "StorageClass");
        config.addNameReference(storageClass, spec("", "", "PersistentVolume", "spec/storageClassName", false));
        config.addNameReference(storageClass, spec("", "", "PersistentVolumeClaim", "spec/storageClassName", false));
        config.addNameReference(storageClass, spec("", "", "StatefulSet", "spec/volumeClaimTemplates/spec/storageClassName", false));

        podReferences(config, new Gvk("scheduling.k8s.io", "v1", "PriorityClass"), POD_OWNERS, List.of("priorityClassName"));

        // kustomize's default names the group "networking.k8s.io/v1"; kept so that it matches what kustomize matches.
        config.addNameReference(new Gvk("networking.k8s.io/v1", "v1", "IngressClass"), spec("", "", "Ingress", "spec/ingressClassName", false));
    }

    /** The same pod-spec paths under every workload's pod template. */
    private static void podReferences(TransformerConfig config, Gvk target, List<Workload> workloads, List<String> paths) {
        for (Workload workload : workloads) {
            // Only the Pod entries name a version in kustomize's defaults.
            Gvk referrer = workload == POD ? POD.gvk() : new Gvk("", "", workload.gvk().kind());
            String prefix = workload == POD ? "spec/" : workload.podSpec();
            for (String path : paths) {
                config.addNameReference(target, new FieldSpec(referrer, prefix + path, false));
            }
        }
    }

    private static FieldSpec spec(String group, String version, String kind, String path, boolean create) {
        return new FieldSpec(new Gvk(group, version, kind), path, create);
    }
}
