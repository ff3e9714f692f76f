package io.mooring.sandbox.workloads.kubelet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.workloads.kubelet.ContainerTimeline.BackOff;
import io.mooring.sandbox.workloads.kubelet.ContainerTimeline.Creating;
import io.mooring.sandbox.workloads.kubelet.ContainerTimeline.Done;
import io.mooring.sandbox.workloads.kubelet.ContainerTimeline.Exit;
import io.mooring.sandbox.workloads.kubelet.ContainerTimeline.Running;
import io.mooring.sandbox.workloads.kubelet.ContainerTimeline.State;
import io.mooring.sandbox.workloads.objects.Json;
import io.mooring.sandbox.workloads.objects.Pods;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The status a kubelet writes for a pod at a moment: phase, the five conditions in the kubelet's
 * order, container statuses with state, ready, started, restartCount, image and imageID, the
 * node's and the pod's addresses, startTime and QoS class. Readiness probes do not run: a
 * running container is ready unless a {@link Knobs knob} says otherwise.
 */
public final class PodStatuses {
    private PodStatuses() {
    }

    /**
     * @param startDelay   how long containers take to start when the pod does not say
     * @param crashBackoff the first restart back-off of crashing containers
     */
    public record Settings(Duration startDelay, Duration crashBackoff) {
    }

    /** The status, and when it will change by itself (null: it will not). */
    public record Result(ObjectNode status, Instant next) {
    }

    /**
     * @param started when the kubelet took the pod ({@code status.startTime})
     * @param podIp   the pod's address, shown once its sandbox runs
     */
    public static Result at(JsonNode pod, Instant started, String hostIp, String podIp, Settings settings, Instant now) {
        JsonNode spec = pod.path("spec");
        Knobs knobs = Knobs.of(pod);
        Instant begin = started.plus(knobs.startDelay() != null ? knobs.startDelay() : settings.startDelay());
        String restartPolicy = spec.path("restartPolicy").asText("Always");
        boolean fails = knobs.fail() || knobs.crashLoop();
        Duration runFor = knobs.exitAfter() != null ? knobs.exitAfter() : knobs.crashLoop() ? Knobs.CRASH_RUN : Duration.ZERO;
        boolean finite = knobs.crashLoop() || knobs.fail() || knobs.exitAfter() != null || !restartPolicy.equals("Always");
        boolean restarts = restartPolicy.equals("Always") || restartPolicy.equals("OnFailure") && fails;
        State state = ContainerTimeline.at(now, begin, finite ? runFor : null, fails ? 1 : 0, restarts, !knobs.neverReady(),
                settings.crashBackoff());

        ObjectNode status = Json.object();
        String phase = switch (state) {
            case Creating c -> Pods.PENDING;
            case Done d -> d.exit().exitCode() == 0 ? Pods.SUCCEEDED : Pods.FAILED;
            default -> Pods.RUNNING;
        };
        long generation = Json.generation(pod);
        if (generation > 0) {
            status.put("observedGeneration", generation);
        }
        status.put("phase", phase);
        status.set("conditions", conditions(pod, state, started, begin, generation));
        status.put("hostIP", hostIp);
        status.putArray("hostIPs").addObject().put("ip", hostIp);
        if (!(state instanceof Creating) && podIp != null) {
            status.put("podIP", podIp);
            status.putArray("podIPs").addObject().put("ip", podIp);
        }
        status.put("startTime", Json.time(started));
        if (spec.path("initContainers").size() > 0) {
            status.set("initContainerStatuses", initStatuses(pod, state, begin));
        }
        ArrayNode containers = status.putArray("containerStatuses");
        for (JsonNode container : spec.path("containers")) {
            containers.add(containerStatus(pod, container, state, state instanceof Creating && spec.path("initContainers").size() > 0));
        }
        status.put("qosClass", pod.path("status").path("qosClass").asText(Pods.qosClass(spec)));
        return new Result(status, state.next());
    }

    private static ArrayNode conditions(JsonNode pod, State state, Instant started, Instant begin, long generation) {
        List<String> names = new ArrayList<>();
        pod.path("spec").path("containers").forEach(c -> names.add(c.path("name").asText()));
        boolean hasInit = pod.path("spec").path("initContainers").size() > 0;
        ArrayNode conditions = Json.array();
        switch (state) {
            case Creating c -> {
                condition(conditions, "PodReadyToStartContainers", false, started, null, null, generation);
                condition(conditions, "Initialized", !hasInit, started, hasInit ? "ContainersNotInitialized" : null,
                        hasInit ? "containers with incomplete status: " + initNames(pod) : null, generation);
                notReady(conditions, started, "ContainersNotReady", "containers with unready status: " + list(names), generation);
            }
            case Done d -> {
                Instant end = d.exit().finishedAt();
                String reason = d.exit().exitCode() == 0 ? "PodCompleted" : "PodFailed";
                condition(conditions, "PodReadyToStartContainers", false, end, null, null, generation);
                condition(conditions, "Initialized", true, hasInit ? begin : started, reason, null, generation);
                notReady(conditions, end, reason, null, generation);
            }
            case Running r when r.ready() -> {
                condition(conditions, "PodReadyToStartContainers", true, begin, null, null, generation);
                condition(conditions, "Initialized", true, hasInit ? begin : started, null, null, generation);
                condition(conditions, "Ready", true, r.since(), null, null, generation);
                condition(conditions, "ContainersReady", true, r.since(), null, null, generation);
            }
            default -> {
                condition(conditions, "PodReadyToStartContainers", true, begin, null, null, generation);
                condition(conditions, "Initialized", true, hasInit ? begin : started, null, null, generation);
                notReady(conditions, started, "ContainersNotReady", "containers with unready status: " + list(names), generation);
            }
        }
        condition(conditions, "PodScheduled", true, started, null, null, generation);
        return conditions;
    }

    private static void notReady(ArrayNode conditions, Instant since, String reason, String message, long generation) {
        condition(conditions, "Ready", false, since, reason, message, generation);
        condition(conditions, "ContainersReady", false, since, reason, message, generation);
    }

    private static void condition(ArrayNode conditions, String type, boolean status, Instant since, String reason, String message,
                                  long generation) {
        ObjectNode condition = conditions.addObject();
        condition.put("type", type);
        condition.put("status", status ? "True" : "False");
        if (generation > 0) {
            condition.put("observedGeneration", generation);
        }
        condition.putNull("lastProbeTime");
        condition.put("lastTransitionTime", Json.time(since));
        if (reason != null) {
            condition.put("reason", reason);
        }
        if (message != null) {
            condition.put("message", message);
        }
    }

    private static ObjectNode containerStatus(JsonNode pod, JsonNode container, State state, boolean initializing) {
        String name = container.path("name").asText();
        ObjectNode status = Json.object();
        status.put("name", name);
        ObjectNode current = status.putObject("state");
        ObjectNode last = status.putObject("lastState");
        boolean ready = false;
        boolean started = false;
        int restarts = 0;
        String instanceId = null;
        switch (state) {
            case Creating c -> current.putObject("waiting").put("reason", initializing ? "PodInitializing" : "ContainerCreating");
            case Running r -> {
                current.putObject("running").put("startedAt", Json.time(r.since()));
                if (r.last() != null) {
                    last.set("terminated", terminated(pod, name, r.last()));
                }
                ready = r.ready();
                started = true;
                restarts = r.restarts();
                instanceId = containerId(pod, name, r.restarts());
            }
            case BackOff b -> {
                current.putObject("waiting").put("reason", "CrashLoopBackOff").put("message", "back-off "
                        + goDuration(b.backoff()) + " restarting failed container=" + name + " pod=" + Json.name(pod)
                        + "_" + Json.namespace(pod) + "(" + Json.uid(pod) + ")");
                last.set("terminated", terminated(pod, name, b.last()));
                restarts = b.restarts();
            }
            case Done d -> {
                current.set("terminated", terminated(pod, name, d.exit()));
                restarts = d.exit().instance();
                instanceId = containerId(pod, name, d.exit().instance());
            }
        }
        status.put("ready", ready);
        status.put("restartCount", restarts);
        String image = container.path("image").asText("");
        status.put("image", Images.normalise(image));
        status.put("imageID", state instanceof Creating ? "" : Images.id(image));
        if (instanceId != null) {
            status.put("containerID", instanceId);
        }
        status.put("started", started);
        JsonNode resources = container.path("resources");
        if (resources.path("requests").size() > 0 || resources.path("limits").size() > 0) {
            status.set("resources", resources.deepCopy());
        }
        return status;
    }

    /** Init containers ran to completion when the pod started; sidecars (restartPolicy Always) keep running. */
    private static ArrayNode initStatuses(JsonNode pod, State state, Instant begin) {
        ArrayNode statuses = Json.array();
        for (JsonNode container : pod.path("spec").path("initContainers")) {
            String name = container.path("name").asText();
            boolean sidecar = container.path("restartPolicy").asText("").equals("Always");
            ObjectNode status = statuses.addObject();
            status.put("name", name);
            ObjectNode current = status.putObject("state");
            status.putObject("lastState");
            boolean creating = state instanceof Creating;
            if (creating) {
                current.putObject("waiting").put("reason", "PodInitializing");
            } else if (sidecar && !(state instanceof Done)) {
                current.putObject("running").put("startedAt", Json.time(begin));
            } else {
                current.set("terminated", terminated(pod, name, new Exit(0, 0, begin, begin)));
            }
            status.put("ready", !creating && sidecar && !(state instanceof Done));
            status.put("restartCount", 0);
            String image = container.path("image").asText("");
            status.put("image", Images.normalise(image));
            status.put("imageID", creating ? "" : Images.id(image));
            if (!creating) {
                status.put("containerID", containerId(pod, name, 0));
            }
            status.put("started", !creating && sidecar && !(state instanceof Done));
        }
        return statuses;
    }

    private static ObjectNode terminated(JsonNode pod, String container, Exit exit) {
        ObjectNode terminated = Json.object();
        terminated.put("exitCode", exit.exitCode());
        terminated.put("reason", exit.reason());
        terminated.put("startedAt", Json.time(exit.startedAt()));
        terminated.put("finishedAt", Json.time(exit.finishedAt()));
        terminated.put("containerID", containerId(pod, container, exit.instance()));
        return terminated;
    }

    /** A stable containerd id for one run of a container of a pod. */
    static String containerId(JsonNode pod, String container, int instance) {
        return "containerd://" + sha256(Json.uid(pod) + "/" + container + "/" + instance);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Go's duration format for whole seconds and minutes, as the kubelet prints its back-off: {@code 10s}, {@code 2m40s}, {@code 5m0s}. */
    static String goDuration(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            long millis = duration.toMillis();
            return millis % 1000 == 0 ? seconds + "s" : (millis / 1000.0) + "s";
        }
        return seconds / 60 + "m" + seconds % 60 + "s";
    }

    private static String initNames(JsonNode pod) {
        List<String> names = new ArrayList<>();
        pod.path("spec").path("initContainers").forEach(c -> names.add(c.path("name").asText()));
        return list(names);
    }

    private static String list(List<String> names) {
        return "[" + String.join(" ", names) + "]";
    }
}
