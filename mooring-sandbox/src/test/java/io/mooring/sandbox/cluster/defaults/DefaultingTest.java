package io.mooring.sandbox.cluster.defaults;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.api.Admission.Operation;
import io.mooring.sandbox.store.ApiException;
import org.junit.jupiter.api.Test;

import static io.mooring.sandbox.cluster.Fixtures.node;
import static io.mooring.sandbox.cluster.Fixtures.type;
import static io.mooring.sandbox.cluster.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each expected object is what a Kubernetes 1.34 API server returns for the given one. */
class DefaultingTest {
    private final Defaulting defaulting = new Defaulting();

    private ObjectNode create(String group, String plural, String manifest) {
        ObjectNode object = yaml(manifest);
        defaulting.admit(Operation.CREATE, type(group, plural), object, null);
        return object;
    }

    @Test
    void deploymentGetsTheServersDefaultsDownToItsProbes() {
        ObjectNode deployment = create("apps", "deployments", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                      - name: web
                        image: nginx:1.27
                        ports: [{containerPort: 80}]
                        readinessProbe: {httpGet: {port: 80}}
                        resources: {requests: {cpu: 0.25, memory: 1.5Gi}}
                """);
        assertThat(deployment).isEqualTo(yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  progressDeadlineSeconds: 600
                  replicas: 1
                  revisionHistoryLimit: 10
                  selector: {matchLabels: {app: web}}
                  strategy:
                    rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}
                    type: RollingUpdate
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                      - name: web
                        image: nginx:1.27
                        imagePullPolicy: IfNotPresent
                        ports: [{containerPort: 80, protocol: TCP}]
                        readinessProbe:
                          failureThreshold: 3
                          httpGet: {path: /, port: 80, scheme: HTTP}
                          periodSeconds: 10
                          successThreshold: 1
                          timeoutSeconds: 1
                        resources: {requests: {cpu: 250m, memory: 1536Mi}}
                        terminationMessagePath: /dev/termination-log
                        terminationMessagePolicy: File
                      dnsPolicy: ClusterFirst
                      restartPolicy: Always
                      schedulerName: default-scheduler
                      securityContext: {}
                      terminationGracePeriodSeconds: 30
                status: {}
                """));
    }

    @Test
    void imagePullPolicyFollowsTheTag() {
        ObjectNode pod = create("", "pods", """
                metadata: {name: p}
                spec:
                  containers:
                  - {name: a, image: nginx}
                  - {name: b, image: nginx:latest}
                  - {name: c, image: "registry:5000/team/app"}
                  - {name: d, image: "nginx@sha256:0123"}
                  - {name: e, image: "nginx:latest@sha256:0123"}
                  - {name: f, image: "registry:5000/app:2.1"}
                """);
        assertThat(pod.at("/spec/containers").findValuesAsText("imagePullPolicy"))
                .as("untagged and :latest images are pulled Always; tags and bare digests IfNotPresent")
                .containsExactly("Always", "Always", "Always", "IfNotPresent", "Always", "IfNotPresent");
    }

    @Test
    void aPodTakesRequestsFromLimitsButATemplateDoesNot() {
        String spec = """
                spec:
                  containers: [{name: a, image: x, resources: {limits: {cpu: "1", memory: 1Gi}}}]
                """;
        ObjectNode pod = create("", "pods", "metadata: {name: p}\n" + spec);
        assertThat(pod.at("/spec/containers/0/resources/requests")).isEqualTo(yaml("{cpu: '1', memory: 1Gi}"));
        assertThat(pod.at("/spec/enableServiceLinks").asBoolean()).isTrue();
        assertThat(pod.at("/status")).as("a new pod is Pending, Guaranteed as requests equal limits")
                .isEqualTo(yaml("{phase: Pending, qosClass: Guaranteed}"));

        ObjectNode template = create("", "podtemplates", "metadata: {name: t}\ntemplate:\n  " + spec.replace("\n", "\n  "));
        assertThat(template.at("/template/spec/containers/0/resources").has("requests")).isFalse();
        assertThat(template.at("/template/spec").has("enableServiceLinks")).isFalse();
    }

    @Test
    void volumesGetModesAndAnEmptyDirWhenTheyNameNoSource() {
        ObjectNode pod = create("", "pods", """
                metadata: {name: p}
                spec:
                  containers: [{name: a, image: x}]
                  volumes:
                  - name: scratch
                  - {name: conf, configMap: {name: settings}}
                  - {name: creds, secret: {secretName: creds}}
                  - {name: host, hostPath: {path: /data}}
                  - name: token
                    projected: {sources: [{serviceAccountToken: {path: token}}, {downwardAPI: {items: [{path: ns, fieldRef: {fieldPath: metadata.namespace}}]}}]}
                """);
        assertThat(pod.at("/spec/volumes")).isEqualTo(node("""
                - {name: scratch, emptyDir: {}}
                - {name: conf, configMap: {name: settings, defaultMode: 420}}
                - {name: creds, secret: {secretName: creds, defaultMode: 420}}
                - {name: host, hostPath: {path: /data, type: ""}}
                - name: token
                  projected:
                    defaultMode: 420
                    sources:
                    - serviceAccountToken: {path: token, expirationSeconds: 3600}
                    - downwardAPI: {items: [{path: ns, fieldRef: {fieldPath: metadata.namespace, apiVersion: v1}}]}
                """));
    }

    @Test
    void serviceGetsTypeAffinityProtocolsTargetPortsAndTrafficPolicies() {
        ObjectNode service = create("", "services", """
                metadata: {name: web}
                spec:
                  type: LoadBalancer
                  selector: {app: web}
                  ports: [{name: http, port: 80}, {name: admin, port: 9000, targetPort: admin}]
                """);
        assertThat(service.get("spec")).isEqualTo(yaml("""
                type: LoadBalancer
                selector: {app: web}
                ports:
                - {name: http, port: 80, protocol: TCP, targetPort: 80}
                - {name: admin, port: 9000, targetPort: admin, protocol: TCP}
                sessionAffinity: None
                externalTrafficPolicy: Cluster
                internalTrafficPolicy: Cluster
                allocateLoadBalancerNodePorts: true
                """));
        assertThat(service.get("status")).isEqualTo(yaml("loadBalancer: {}"));
    }

    @Test
    void statefulSetDaemonSetJobAndCronJobDefaults() {
        ObjectNode sts = create("apps", "statefulsets", """
                metadata: {name: db}
                spec:
                  selector: {matchLabels: {app: db}}
                  template: {metadata: {labels: {app: db}}, spec: {containers: [{name: db, image: postgres:17}]}}
                  volumeClaimTemplates: [{metadata: {name: data}, spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}]
                """);
        assertThat(sts.at("/spec/updateStrategy")).isEqualTo(yaml("{type: RollingUpdate, rollingUpdate: {partition: 0}}"));
        assertThat(sts.at("/spec/persistentVolumeClaimRetentionPolicy")).isEqualTo(yaml("{whenDeleted: Retain, whenScaled: Retain}"));
        assertThat(sts.at("/spec/podManagementPolicy").asText()).isEqualTo("OrderedReady");
        assertThat(sts.at("/spec/volumeClaimTemplates/0")).isEqualTo(yaml("""
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: data}
                spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}, volumeMode: Filesystem}
                status: {phase: Pending}
                """));
        assertThat(sts.get("status")).isEqualTo(yaml("{availableReplicas: 0, replicas: 0}"));

        ObjectNode ds = create("apps", "daemonsets", "metadata: {name: agent}\nspec: {template: {spec: {containers: [{name: a, image: x}]}}}");
        assertThat(ds.at("/spec/updateStrategy")).isEqualTo(yaml("{type: RollingUpdate, rollingUpdate: {maxUnavailable: 1, maxSurge: 0}}"));

        ObjectNode job = create("batch", "jobs", """
                metadata: {name: migrate, uid: 1f0e}
                spec: {template: {metadata: {labels: {app: migrate}}, spec: {restartPolicy: Never, containers: [{name: m, image: x}]}}}
                """);
        assertThat(job.get("spec")).isEqualTo(yaml("""
                backoffLimit: 6
                completionMode: NonIndexed
                completions: 1
                manualSelector: false
                parallelism: 1
                podReplacementPolicy: TerminatingOrFailed
                suspend: false
                selector: {matchLabels: {batch.kubernetes.io/controller-uid: 1f0e}}
                template:
                  metadata:
                    labels: {app: migrate, job-name: migrate, batch.kubernetes.io/job-name: migrate, controller-uid: 1f0e, batch.kubernetes.io/controller-uid: 1f0e}
                  spec:
                    restartPolicy: Never
                    containers: [{name: m, image: x, imagePullPolicy: Always, resources: {}, terminationMessagePath: /dev/termination-log, terminationMessagePolicy: File}]
                    dnsPolicy: ClusterFirst
                    schedulerName: default-scheduler
                    securityContext: {}
                    terminationGracePeriodSeconds: 30
                """));
        assertThat(job.at("/metadata/labels")).as("a Job without labels takes its template's (as given)").isEqualTo(yaml("{app: migrate}"));

        ObjectNode cron = create("batch", "cronjobs", """
                metadata: {name: nightly}
                spec: {schedule: "0 3 * * *", jobTemplate: {spec: {template: {spec: {restartPolicy: OnFailure, containers: [{name: m, image: x:1}]}}}}}
                """);
        assertThat(cron.at("/spec/concurrencyPolicy").asText()).isEqualTo("Allow");
        assertThat(cron.at("/spec/successfulJobsHistoryLimit").asInt()).isEqualTo(3);
        assertThat(cron.at("/spec/failedJobsHistoryLimit").asInt()).isEqualTo(1);
        assertThat(cron.at("/spec/jobTemplate/metadata")).as("template metadata is printed even when empty").isEqualTo(yaml("{}"));
        assertThat(cron.at("/spec/jobTemplate/spec").has("backoffLimit")).as("a job template gets no Job defaults").isFalse();
    }

    @Test
    void namespaceSecretClaimAndBindingDefaults() {
        ObjectNode namespace = create("", "namespaces", "metadata: {name: team-a}");
        assertThat(namespace).as("the finalizer and the Active phase are the API's namespace strategy, not defaults")
                .isEqualTo(yaml("metadata: {name: team-a, labels: {kubernetes.io/metadata.name: team-a}}"));
        ObjectNode secret = create("", "secrets", "metadata: {name: s}\nstringData: {password: hunter2}");
        assertThat(secret).isEqualTo(yaml("{metadata: {name: s}, type: Opaque, data: {password: aHVudGVyMg==}}"));
        ObjectNode claim = create("", "persistentvolumeclaims", "metadata: {name: c}\nspec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1000Mi}}}");
        assertThat(claim.at("/spec/volumeMode").asText()).isEqualTo("Filesystem");
        assertThat(claim.at("/status/phase").asText()).isEqualTo("Pending");
        ObjectNode binding = create("rbac.authorization.k8s.io", "rolebindings", """
                metadata: {name: b}
                roleRef: {kind: Role, name: r}
                subjects: [{kind: User, name: ada}, {kind: ServiceAccount, name: bot, namespace: ns}]
                """);
        assertThat(binding.at("/roleRef/apiGroup").asText()).isEqualTo("rbac.authorization.k8s.io");
        assertThat(binding.at("/subjects/0/apiGroup").asText()).isEqualTo("rbac.authorization.k8s.io");
        assertThat(binding.at("/subjects/1").has("apiGroup")).isFalse();
    }

    @Test
    void autoscalerAndNetworkPolicyDefaults() {
        ObjectNode hpa = create("autoscaling", "horizontalpodautoscalers", """
                metadata: {name: web}
                spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, maxReplicas: 5, behavior: {scaleDown: {stabilizationWindowSeconds: 60}}}
                """);
        assertThat(hpa.get("spec")).isEqualTo(yaml("""
                scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
                maxReplicas: 5
                minReplicas: 1
                metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}}]
                behavior:
                  scaleDown: {stabilizationWindowSeconds: 60, selectPolicy: Max, policies: [{type: Percent, value: 100, periodSeconds: 15}]}
                  scaleUp:
                    stabilizationWindowSeconds: 0
                    selectPolicy: Max
                    policies: [{type: Pods, value: 4, periodSeconds: 15}, {type: Percent, value: 100, periodSeconds: 15}]
                """));
        ObjectNode policy = create("networking.k8s.io", "networkpolicies", """
                metadata: {name: p}
                spec: {podSelector: {}, egress: [{ports: [{port: 53}]}]}
                """);
        assertThat(policy.at("/spec/policyTypes")).isEqualTo(node("[Ingress, Egress]"));
        assertThat(policy.at("/spec/egress/0/ports/0/protocol").asText()).isEqualTo("TCP");
    }

    @Test
    void malformedQuantityIsABadRequestNamingTheKind() {
        assertThatThrownBy(() -> create("apps", "deployments", """
                metadata: {name: web}
                spec: {template: {spec: {containers: [{name: a, image: x, resources: {limits: {memory: 1GB}}}]}}}
                """)).isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("Deployment in version \"v1\" cannot be handled as a Deployment: " + Quantity.SYNTAX);
                });
    }

    @Test
    void defaultingTwiceChangesNothing() {
        ObjectNode once = create("apps", "deployments", "metadata: {name: w}\nspec: {template: {spec: {containers: [{name: a, image: x}]}}}");
        ObjectNode twice = once.deepCopy();
        defaulting.admit(Operation.UPDATE, type("apps", "deployments"), twice, once);
        assertThat(twice).as("an update of a defaulted object is not changed again").isEqualTo(once);
    }
}
