package io.mooring.health;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The health of a live object, by kind, following Argo CD's rules (gitops-engine's health package,
 * which follows {@code kubectl rollout status}) so that users see the verdicts they know; any other
 * kind with a {@code Ready} condition is judged by it. Kinds without a rule (a ConfigMap) have no
 * health and do not count towards an application's.
 */
public final class HealthRules {
    private HealthRules() {
    }

    /** The health of {@code live}; empty when its kind has no notion of health. */
    public static Optional<Health> assess(JsonNode live) {
        if (live.path("metadata").has("deletionTimestamp")) {
            return Optional.of(Health.progressing("Pending deletion"));
        }
        String apiVersion = live.path("apiVersion").asText("");
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String kind = live.path("kind").asText("");
        return Optional.ofNullable(switch (group + "/" + kind) {
            case "apps/Deployment", "extensions/Deployment" -> deployment(live);
            case "apps/StatefulSet" -> statefulSet(live);
            case "apps/DaemonSet", "extensions/DaemonSet" -> daemonSet(live);
            case "apps/ReplicaSet", "extensions/ReplicaSet" -> replicaSet(live);
            case "/Pod" -> pod(live);
            case "/Service" -> service(live);
            case "/PersistentVolumeClaim" -> persistentVolumeClaim(live);
            case "networking.k8s.io/Ingress", "extensions/Ingress" -> ingress(live);
            case "batch/Job" -> job(live);
            case "batch/CronJob" -> cronJob(live);
            case "autoscaling/HorizontalPodAutoscaler" -> horizontalPodAutoscaler(live);
            // Its kind is served only once Established: later waves wait for that.
            case "apiextensions.k8s.io/CustomResourceDefinition" -> conditionIs(live, "Established")
                    ? Health.healthy("") : Health.progressing("Waiting for the CustomResourceDefinition to be established");
            case "apiregistration.k8s.io/APIService" -> conditionIs(live, "Available")
                    ? Health.healthy(message(live, "Available")) : Health.progressing(message(live, "Available"));
            default -> readyCondition(live);
        });
    }

    private static Health deployment(JsonNode d) {
        JsonNode spec = d.path("spec");
        JsonNode status = d.path("status");
        if (spec.path("paused").asBoolean(false)) {
            return Health.suspended("Deployment is paused");
        }
        if (d.path("metadata").path("generation").asLong(0) > status.path("observedGeneration").asLong(0)) {
            return Health.progressing("Waiting for rollout to finish: observed deployment generation less than desired generation");
        }
        if ("ProgressDeadlineExceeded".equals(condition(d, "Progressing").path("reason").asText(""))) {
            return Health.degraded("Deployment \"" + d.path("metadata").path("name").asText() + "\" exceeded its progress deadline");
        }
        long updated = status.path("updatedReplicas").asLong(0);
        long replicas = status.path("replicas").asLong(0);
        long available = status.path("availableReplicas").asLong(0);
        if (spec.has("replicas") && updated < spec.path("replicas").asLong()) {
            return Health.progressing("Waiting for rollout to finish: " + updated + " out of " + spec.path("replicas").asLong()
                    + " new replicas have been updated...");
        }
        if (replicas > updated) {
            return Health.progressing("Waiting for rollout to finish: " + (replicas - updated) + " old replicas are pending termination...");
        }
        if (available < updated) {
            return Health.progressing("Waiting for rollout to finish: " + available + " of " + updated + " updated replicas are available...");
        }
        return Health.healthy("");
    }

    private static Health statefulSet(JsonNode s) {
        JsonNode spec = s.path("spec");
        JsonNode status = s.path("status");
        long observed = status.path("observedGeneration").asLong(0);
        if (observed == 0 || s.path("metadata").path("generation").asLong(0) > observed) {
            return Health.progressing("Waiting for statefulset spec update to be observed...");
        }
        long ready = status.path("readyReplicas").asLong(0);
        if (spec.has("replicas") && ready < spec.path("replicas").asLong()) {
            return Health.progressing("Waiting for " + (spec.path("replicas").asLong() - ready) + " pods to be ready...");
        }
        JsonNode strategy = spec.path("updateStrategy");
        String type = strategy.path("type").asText("RollingUpdate");
        long updated = status.path("updatedReplicas").asLong(0);
        if (type.equals("RollingUpdate") && strategy.has("rollingUpdate")) {
            if (spec.has("replicas") && strategy.path("rollingUpdate").has("partition")) {
                long wanted = spec.path("replicas").asLong() - strategy.path("rollingUpdate").path("partition").asLong();
                if (updated < wanted) {
                    return Health.progressing("Waiting for partitioned roll out to finish: " + updated + " out of " + wanted
                            + " new pods have been updated...");
                }
            }
            return Health.healthy("partitioned roll out complete: " + updated + " new pods have been updated...");
        }
        if (type.equals("OnDelete")) {
            return Health.healthy("statefulset has " + ready + " ready pods");
        }
        String updateRevision = status.path("updateRevision").asText("");
        String currentRevision = status.path("currentRevision").asText("");
        if (!updateRevision.equals(currentRevision)) {
            return Health.progressing("waiting for statefulset rolling update to complete " + updated + " pods at revision "
                    + updateRevision + "...");
        }
        return Health.healthy("statefulset rolling update complete " + status.path("currentReplicas").asLong(0)
                + " pods at revision " + currentRevision + "...");
    }

    private static Health daemonSet(JsonNode d) {
        JsonNode status = d.path("status");
        if (d.path("metadata").path("generation").asLong(0) > status.path("observedGeneration").asLong(0)) {
            return Health.progressing("Waiting for rollout to finish: observed daemon set generation less than desired generation");
        }
        long desired = status.path("desiredNumberScheduled").asLong(0);
        long updated = status.path("updatedNumberScheduled").asLong(0);
        if (d.path("spec").path("updateStrategy").path("type").asText("").equals("OnDelete")) {
            return Health.healthy("daemon set " + updated + " out of " + desired + " new pods have been updated");
        }
        String name = d.path("metadata").path("name").asText();
        if (updated < desired) {
            return Health.progressing("Waiting for daemon set \"" + name + "\" rollout to finish: " + updated + " out of " + desired
                    + " new pods have been updated...");
        }
        long available = status.path("numberAvailable").asLong(0);
        if (available < desired) {
            return Health.progressing("Waiting for daemon set \"" + name + "\" rollout to finish: " + available + " of " + desired
                    + " updated pods are available...");
        }
        return Health.healthy("");
    }

    private static Health replicaSet(JsonNode r) {
        JsonNode status = r.path("status");
        if (r.path("metadata").path("generation").asLong(0) > status.path("observedGeneration").asLong(0)) {
            return Health.progressing("Waiting for rollout to finish: observed replica set generation less than desired generation");
        }
        JsonNode failure = condition(r, "ReplicaFailure");
        if (failure.path("status").asText("").equals("True")) {
            return Health.degraded(failure.path("message").asText(""));
        }
        long available = status.path("availableReplicas").asLong(0);
        if (r.path("spec").has("replicas") && available < r.path("spec").path("replicas").asLong()) {
            return Health.progressing("Waiting for rollout to finish: " + available + " out of " + r.path("spec").path("replicas").asLong()
                    + " new replicas are available...");
        }
        return Health.healthy("");
    }

    private static Health pod(JsonNode p) {
        JsonNode status = p.path("status");
        String message = status.path("message").asText("");
        String restartPolicy = p.path("spec").path("restartPolicy").asText("Always");
        if (restartPolicy.equals("Always")) {
            List<String> failures = new ArrayList<>();
            for (JsonNode container : status.path("containerStatuses")) {
                String reason = container.path("state").path("waiting").path("reason").asText("");
                if (reason.startsWith("Err") || reason.endsWith("Error") || reason.endsWith("BackOff")) {
                    failures.add(container.path("state").path("waiting").path("message").asText(reason));
                }
            }
            if (!failures.isEmpty()) {
                return Health.degraded(String.join(", ", failures));
            }
        }
        switch (status.path("phase").asText("")) {
            case "Pending":
                return Health.progressing(message);
            case "Succeeded":
                return Health.healthy(message);
            case "Failed":
                return Health.degraded(message.isEmpty() ? podFailure(status) : message);
            case "Running":
                if (!restartPolicy.equals("Always")) {
                    return Health.progressing(message);
                }
                if (conditionIs(p, "Ready")) {
                    return Health.healthy(message);
                }
                for (JsonNode container : status.path("containerStatuses")) {
                    if (container.path("lastState").has("terminated")) {
                        return Health.degraded(message);
                    }
                }
                return Health.progressing(message);
            default:
                return new Health(HealthStatus.UNKNOWN, message);
        }
    }

    private static String podFailure(JsonNode status) {
        List<JsonNode> containers = new ArrayList<>();
        status.path("initContainerStatuses").forEach(containers::add);
        status.path("containerStatuses").forEach(containers::add);
        for (JsonNode container : containers) {
            JsonNode terminated = container.path("state").path("terminated");
            if (terminated.isMissingNode()) {
                continue;
            }
            if (!terminated.path("message").asText("").isEmpty()) {
                return terminated.path("message").asText();
            }
            if (terminated.path("reason").asText("").equals("OOMKilled")) {
                return "OOMKilled";
            }
            if (terminated.path("exitCode").asInt(0) != 0) {
                return "container \"" + container.path("name").asText() + "\" failed with exit code " + terminated.path("exitCode").asInt();
            }
        }
        return "";
    }

    private static Health service(JsonNode s) {
        if (!s.path("spec").path("type").asText("").equals("LoadBalancer")) {
            return Health.healthy("");
        }
        return s.path("status").path("loadBalancer").path("ingress").isEmpty()
                ? Health.progressing("Waiting for the load balancer to get an address")
                : Health.healthy("");
    }

    private static Health ingress(JsonNode i) {
        return i.path("status").path("loadBalancer").path("ingress").isEmpty()
                ? Health.progressing("Waiting for the ingress to get an address")
                : Health.healthy("");
    }

    private static Health persistentVolumeClaim(JsonNode c) {
        return switch (c.path("status").path("phase").asText("")) {
            case "Bound" -> Health.healthy("");
            case "Lost" -> Health.degraded("the claim lost its volume");
            default -> Health.progressing("Waiting for the claim to be bound");
        };
    }

    private static Health job(JsonNode j) {
        if (j.path("spec").path("suspend").asBoolean(false)) {
            return Health.suspended("Job is suspended");
        }
        JsonNode failed = condition(j, "Failed");
        if (failed.path("status").asText("").equals("True")) {
            return Health.degraded(failed.path("message").asText(""));
        }
        JsonNode complete = condition(j, "Complete");
        if (complete.path("status").asText("").equals("True")) {
            return Health.healthy(complete.path("message").asText(""));
        }
        return Health.progressing("");
    }

    private static Health cronJob(JsonNode c) {
        if (c.path("spec").path("suspend").asBoolean(false)) {
            return Health.suspended("CronJob is suspended");
        }
        JsonNode status = c.path("status");
        String lastSchedule = status.path("lastScheduleTime").asText("");
        if (lastSchedule.isEmpty()) {
            return Health.healthy("The CronJob has not been scheduled yet");
        }
        String lastSuccess = status.path("lastSuccessfulTime").asText("");
        if (!status.path("active").isEmpty()) {
            return Health.healthy("The CronJob has a job running");
        }
        if (lastSuccess.isEmpty() || lastSuccess.compareTo(lastSchedule) < 0) {
            return Health.degraded("The CronJob's last run did not succeed");
        }
        return Health.healthy("The CronJob's last run succeeded");
    }

    private static Health horizontalPodAutoscaler(JsonNode h) {
        for (JsonNode condition : h.path("status").path("conditions")) {
            String type = condition.path("type").asText("");
            String reason = condition.path("reason").asText("");
            String key = type + "/" + reason;
            if (List.of("AbleToScale/FailedGetScale", "AbleToScale/FailedUpdateScale", "ScalingActive/FailedGetResourceMetric",
                    "ScalingActive/InvalidSelector").contains(key)) {
                return Health.degraded(condition.path("message").asText(""));
            }
            if (List.of("AbleToScale/SucceededRescale", "ScalingLimited/DesiredWithinRange", "ScalingLimited/TooFewReplicas",
                    "ScalingLimited/TooManyReplicas").contains(key)) {
                return Health.healthy(condition.path("message").asText(""));
            }
        }
        return Health.progressing("Waiting to Autoscale");
    }

    /** Custom resources and others: a Ready condition decides; Stalled=True means it gave up. */
    private static Health readyCondition(JsonNode object) {
        JsonNode ready = condition(object, "Ready");
        if (ready.isMissingNode()) {
            return null;
        }
        String message = ready.path("message").asText("");
        if (ready.path("status").asText("").equals("True")) {
            return Health.healthy(message);
        }
        if (condition(object, "Stalled").path("status").asText("").equals("True")) {
            return Health.degraded(condition(object, "Stalled").path("message").asText(message));
        }
        return Health.progressing(message);
    }

    private static JsonNode condition(JsonNode object, String type) {
        for (JsonNode condition : object.path("status").path("conditions")) {
            if (condition.path("type").asText("").equals(type)) {
                return condition;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static boolean conditionIs(JsonNode object, String type) {
        return condition(object, type).path("status").asText("").equals("True");
    }

    private static String message(JsonNode object, String type) {
        return condition(object, type).path("message").asText("");
    }
}
