package io.mooring.sandbox.workloads;

import io.mooring.sandbox.api.ResourceApi;
import io.mooring.sandbox.control.ControllerManager;
import io.mooring.sandbox.workloads.cronjob.CronJobController;
import io.mooring.sandbox.workloads.daemonset.DaemonSetController;
import io.mooring.sandbox.workloads.deployment.DeploymentController;
import io.mooring.sandbox.workloads.job.JobController;
import io.mooring.sandbox.workloads.kubelet.Kubelet;
import io.mooring.sandbox.workloads.kubelet.PodStatuses;
import io.mooring.sandbox.workloads.metrics.MetricsServer;
import io.mooring.sandbox.workloads.metrics.UsageModel;
import io.mooring.sandbox.workloads.node.NodeController;
import io.mooring.sandbox.workloads.node.NodeFleet;
import io.mooring.sandbox.workloads.objects.Client;
import io.mooring.sandbox.workloads.replicaset.ReplicaSetController;
import io.mooring.sandbox.workloads.scheduler.Scheduler;
import io.mooring.sandbox.workloads.statefulset.StatefulSetController;

import java.time.Clock;

/**
 * What kube-controller-manager, kube-scheduler and the kubelets would do for workloads, simulated:
 * the nodes, then one controller each for scheduling, pod lifecycles, ReplicaSets, Deployments,
 * StatefulSets, DaemonSets, Jobs and CronJobs, and the metrics API.
 */
public final class Workloads {
    private static final String CONTROLLER_MANAGER = "kube-controller-manager";

    private Workloads() {
    }

    /** Creates the nodes (those missing) and starts the controllers. */
    public static void start(ResourceApi api, ControllerManager manager, Clock clock, int nodes, WorkloadOptions options) {
        NodeFleet.ensure(new Client(api, "kubelet"), nodes, clock.instant());
        manager.start(new NodeController(new Client(api, CONTROLLER_MANAGER), clock));
        manager.start(new Scheduler(new Client(api, "kube-scheduler"), clock));
        manager.start(new Kubelet(new Client(api, "kubelet"), clock,
                new PodStatuses.Settings(options.startDelay(), options.crashLoopBackoff())));
        manager.start(new ReplicaSetController(new Client(api, CONTROLLER_MANAGER), clock));
        manager.start(new DeploymentController(new Client(api, CONTROLLER_MANAGER), clock));
        manager.start(new StatefulSetController(new Client(api, CONTROLLER_MANAGER), clock));
        manager.start(new DaemonSetController(new Client(api, CONTROLLER_MANAGER), clock));
        manager.start(new JobController(new Client(api, CONTROLLER_MANAGER), clock, options.crashLoopBackoff()));
        manager.start(new CronJobController(new Client(api, CONTROLLER_MANAGER), clock));
        MetricsServer metrics = new MetricsServer(new UsageModel(options.metricsSeed()), clock);
        metrics.serveOn(api);
        manager.start(metrics);
    }
}
