package io.mooring.sandbox.cluster.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.api.Admission.Operation;
import io.mooring.sandbox.catalog.ResourceType;
import io.mooring.sandbox.cluster.defaults.Defaulting;
import io.mooring.sandbox.store.ApiException;
import org.junit.jupiter.api.Test;

import static io.mooring.sandbox.cluster.Fixtures.type;
import static io.mooring.sandbox.cluster.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Messages are compared whole: they are what kubectl prints after "The Deployment "web" is invalid:". */
class ValidationTest {
    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: nginx}]}
            """;

    private final Defaulting defaulting = new Defaulting();
    private final Validation validation = new Validation();

    private ObjectNode admit(ResourceType type, ObjectNode object, ObjectNode existing) {
        Operation operation = existing == null ? Operation.CREATE : Operation.UPDATE;
        defaulting.admit(operation, type, object, existing);
        validation.admit(operation, type, object, existing);
        return object;
    }

    private ApiException refused(ResourceType type, String manifest) {
        return catchThrowableOfType(ApiException.class, () -> admit(type, yaml(manifest), null));
    }

    @Test
    void aValidDeploymentPasses() {
        assertThatCode(() -> admit(type("apps", "deployments"), yaml(DEPLOYMENT), null)).doesNotThrowAnyException();
    }

    @Test
    void deploymentWhoseSelectorMissesItsTemplateIsRefusedWithTheServersWords() {
        ApiException e = refused(type("apps", "deployments"), DEPLOYMENT.replace("labels: {app: web}", "labels: {app: api, tier: x}"));
        assertThat(e.code()).isEqualTo(422);
        assertThat(e.getMessage()).isEqualTo("Deployment.apps \"web\" is invalid: spec.template.metadata.labels: Invalid value: "
                + "{\"app\":\"api\",\"tier\":\"x\"}: `selector` does not match template `labels`");
        assertThat(e.status().at("/details/causes/0")).isEqualTo(yaml("""
                {reason: FieldValueInvalid, field: spec.template.metadata.labels,
                 message: "Invalid value: {\\"app\\":\\"api\\",\\"tier\\":\\"x\\"}: `selector` does not match template `labels`"}
                """));
        assertThat(e.status().at("/details/kind").asText()).isEqualTo("Deployment");
        assertThat(e.status().at("/details/group").asText()).isEqualTo("apps");
    }

    @Test
    void missingSelectorIsRequiredAndSelectsNothing() {
        ApiException e = refused(type("apps", "deployments"), DEPLOYMENT.replace("  selector: {matchLabels: {app: web}}\n", ""));
        assertThat(e.getMessage()).isEqualTo("Deployment.apps \"web\" is invalid: [spec.selector: Required value, "
                + "spec.template.metadata.labels: Invalid value: {\"app\":\"web\"}: `selector` does not match template `labels`]");
        ApiException empty = refused(type("apps", "deployments"), DEPLOYMENT.replace("{matchLabels: {app: web}}", "{}"));
        assertThat(empty.getMessage()).isEqualTo("Deployment.apps \"web\" is invalid: spec.selector: Invalid value: {}: "
                + "empty selector is invalid for deployment");
    }

    @Test
    void selectorOfAnExistingDeploymentIsImmutable() {
        ObjectNode existing = admit(type("apps", "deployments"), yaml(DEPLOYMENT), null);
        ObjectNode changed = yaml(DEPLOYMENT.replace("app: web", "app: web2"));
        ApiException e = catchThrowableOfType(ApiException.class, () -> admit(type("apps", "deployments"), changed, existing));
        assertThat(e.getMessage()).isEqualTo("Deployment.apps \"web\" is invalid: spec.selector: Invalid value: "
                + "{\"matchLabels\":{\"app\":\"web2\"}}: field is immutable");
    }

    @Test
    void podTemplateMistakesAreNamedByField() {
        ApiException e = refused(type("apps", "deployments"), """
                metadata: {name: web}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      restartPolicy: Never
                      containers:
                      - {name: Web, image: "", volumeMounts: [{name: data, mountPath: /data}], ports: [{containerPort: 70000}],
                         resources: {requests: {cpu: "2"}, limits: {cpu: "1"}}}
                """);
        assertThat(e.causes()).extracting(ApiException.Cause::text).containsExactly(
                "spec.template.spec.containers[0].name: Invalid value: \"Web\": a lowercase RFC 1123 label must consist of lower case "
                        + "alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or "
                        + "'123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
                "spec.template.spec.containers[0].image: Required value",
                "spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
                "spec.template.spec.containers[0].volumeMounts[0].name: Not found: \"data\"",
                "spec.template.spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1",
                "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"");
    }

    @Test
    void invalidNamesAreRefusedPerKind() {
        assertThat(refused(type("", "configmaps"), "metadata: {name: My_Config}").getMessage()).isEqualTo(
                "ConfigMap \"My_Config\" is invalid: metadata.name: Invalid value: \"My_Config\": a lowercase RFC 1123 subdomain must "
                        + "consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character "
                        + "(e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
        assertThat(refused(type("", "services"), "metadata: {name: 1web}\nspec: {ports: [{port: 80}]}").getMessage()).contains(
                "metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', "
                        + "start with an alphabetic character");
        assertThat(refused(type("", "namespaces"), "metadata: {name: team.a}").getMessage()).isEqualTo(
                "Namespace \"team.a\" is invalid: metadata.name: Invalid value: \"team.a\": must not contain dots");
    }

    @Test
    void labelsMustBeValidKeysAndValues() {
        ApiException e = refused(type("", "configmaps"), "metadata: {name: c, labels: {\"bad key\": ok, good: \"bad value!\"}}");
        assertThat(e.causes()).extracting(ApiException.Cause::field).containsOnly("metadata.labels");
        assertThat(e.causes()).hasSize(2);
        assertThat(e.causes().get(0).message()).startsWith("Invalid value: \"bad key\": name part must consist of alphanumeric characters");
        assertThat(e.causes().get(1).message()).startsWith("Invalid value: \"bad value!\": a valid label must be an empty string");
    }

    @Test
    void jobPodsMayNotRestartAlwaysAndTheirTemplateIsFixed() {
        ApiException e = refused(type("batch", "jobs"), "metadata: {name: j, uid: u1}\nspec: {template: {spec: {containers: [{name: a, image: x}]}}}");
        assertThat(e.getMessage()).isEqualTo("Job.batch \"j\" is invalid: spec.template.spec.restartPolicy: Unsupported value: \"Always\": "
                + "supported values: \"OnFailure\", \"Never\"");
        ObjectNode job = admit(type("batch", "jobs"),
                yaml("metadata: {name: j, uid: u1}\nspec: {template: {spec: {restartPolicy: Never, containers: [{name: a, image: x:1}]}}}"), null);
        ObjectNode changed = job.deepCopy();
        ((ObjectNode) changed.at("/spec/template/spec/containers/0")).put("image", "x:2");
        ApiException update = catchThrowableOfType(ApiException.class, () -> admit(type("batch", "jobs"), changed, job));
        assertThat(update.causes()).extracting(ApiException.Cause::field).containsExactly("spec.template");
        assertThat(update.causes().getFirst().message()).endsWith(": field is immutable");
    }

    @Test
    void statefulSetSpecIsFixedButForItsMutableFields() {
        String sts = """
                metadata: {name: db}
                spec:
                  selector: {matchLabels: {app: db}}
                  serviceName: db
                  template: {metadata: {labels: {app: db}}, spec: {containers: [{name: db, image: postgres:16}]}}
                  volumeClaimTemplates: [{metadata: {name: data}, spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}]
                """;
        ObjectNode existing = admit(type("apps", "statefulsets"), yaml(sts), null);
        assertThatCode(() -> admit(type("apps", "statefulsets"), yaml(sts.replace("postgres:16", "postgres:17")), existing))
                .as("the template may change").doesNotThrowAnyException();
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> admit(type("apps", "statefulsets"), yaml(sts.replace("storage: 1Gi", "storage: 2Gi")), existing));
        assertThat(e.getMessage()).isEqualTo("StatefulSet.apps \"db\" is invalid: spec: Forbidden: updates to statefulset spec for fields "
                + "other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', "
                + "'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden");
    }

    @Test
    void claimSpecIsFixedExceptTheVolumeNameSetOnce() {
        String claim = "metadata: {name: c}\nspec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}";
        ObjectNode existing = admit(type("", "persistentvolumeclaims"), yaml(claim), null);
        ObjectNode bound = existing.deepCopy();
        bound.with("spec").put("volumeName", "pvc-1");
        assertThatCode(() -> admit(type("", "persistentvolumeclaims"), bound, existing)).doesNotThrowAnyException();
        ObjectNode grown = yaml(claim.replace("1Gi", "2Gi"));
        ApiException e = catchThrowableOfType(ApiException.class, () -> admit(type("", "persistentvolumeclaims"), grown, existing));
        assertThat(e.getMessage()).isEqualTo("PersistentVolumeClaim \"c\" is invalid: spec: Forbidden: spec is immutable after creation "
                + "except resources.requests and volumeAttributesClassName for bound claims");
        assertThat(refused(type("", "persistentvolumeclaims"), "metadata: {name: c}\nspec: {resources: {}}").causes())
                .extracting(ApiException.Cause::text).containsExactly(
                        "spec.accessModes: Required value: at least 1 access mode is required", "spec.resources[storage]: Required value");
    }

    @Test
    void serviceClusterIpMayNotChangeOnceSet() {
        ObjectNode existing = yaml("metadata: {name: db}\nspec: {clusterIP: 10.96.10.1, clusterIPs: [10.96.10.1], ports: [{port: 5432}]}");
        admit(type("", "services"), existing, null);
        ObjectNode headless = yaml("metadata: {name: db}\nspec: {clusterIP: None, clusterIPs: [None], ports: [{port: 5432}]}");
        ApiException e = catchThrowableOfType(ApiException.class, () -> admit(type("", "services"), headless, existing));
        assertThat(e.getMessage()).isEqualTo("Service \"db\" is invalid: spec.clusterIPs[0]: Invalid value: [\"None\"]: may not change once set");
    }

    @Test
    void servicePortsAreRequiredAndNamedWhenSeveral() {
        assertThat(refused(type("", "services"), "metadata: {name: s}\nspec: {selector: {app: s}}").getMessage())
                .isEqualTo("Service \"s\" is invalid: spec.ports: Required value");
        assertThat(refused(type("", "services"), "metadata: {name: s}\nspec: {ports: [{port: 80}, {port: 443}]}").causes())
                .extracting(ApiException.Cause::text).containsExactly("spec.ports[0].name: Required value", "spec.ports[1].name: Required value");
    }

    @Test
    void immutableConfigMapsAndRoleRefsStayAsTheyAre() {
        ObjectNode config = yaml("metadata: {name: c}\nimmutable: true\ndata: {a: '1'}");
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> admit(type("", "configmaps"), yaml("metadata: {name: c}\nimmutable: true\ndata: {a: '2'}"), config));
        assertThat(e.getMessage()).isEqualTo("ConfigMap \"c\" is invalid: data: Forbidden: field is immutable when `immutable` is set");
        ObjectNode binding = yaml("metadata: {name: b}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: a}");
        ApiException roleRef = catchThrowableOfType(ApiException.class, () -> admit(type("rbac.authorization.k8s.io", "rolebindings"),
                yaml("metadata: {name: b}\nroleRef: {kind: Role, name: b}"), binding));
        assertThat(roleRef.getMessage()).isEqualTo("RoleBinding.rbac.authorization.k8s.io \"b\" is invalid: roleRef: Invalid value: "
                + "{\"kind\":\"Role\",\"name\":\"b\",\"apiGroup\":\"rbac.authorization.k8s.io\"}: cannot change roleRef");
    }

    @Test
    void cronJobScheduleMustParse() {
        ApiException e = refused(type("batch", "cronjobs"), """
                metadata: {name: nightly}
                spec: {schedule: "every night", jobTemplate: {spec: {template: {spec: {restartPolicy: Never, containers: [{name: a, image: x}]}}}}}
                """);
        assertThat(e.getMessage()).isEqualTo("CronJob.batch \"nightly\" is invalid: spec.schedule: Invalid value: \"every night\": "
                + "expected exactly 5 fields, found 2: [every night]");
    }
}
