package io.mooring.sandbox.workloads.objects;

/** The resources the workload controllers read and write, by the store's type key ({@code group/plural}). */
public final class Kinds {
    public static final String PODS = "/pods";
    public static final String NODES = "/nodes";
    public static final String EVENTS = "/events";
    public static final String PERSISTENT_VOLUME_CLAIMS = "/persistentvolumeclaims";
    public static final String DEPLOYMENTS = "apps/deployments";
    public static final String REPLICA_SETS = "apps/replicasets";
    public static final String STATEFUL_SETS = "apps/statefulsets";
    public static final String DAEMON_SETS = "apps/daemonsets";
    public static final String CONTROLLER_REVISIONS = "apps/controllerrevisions";
    public static final String JOBS = "batch/jobs";
    public static final String CRON_JOBS = "batch/cronjobs";

    private Kinds() {
    }
}
