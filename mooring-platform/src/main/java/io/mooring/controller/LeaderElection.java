package io.mooring.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One active controller among replicas, through a coordination.k8s.io Lease as Kubernetes' own
 * controllers elect theirs: the holder renews it; when it stops renewing (crashed, partitioned),
 * another replica takes over after the lease duration. A replica that loses the lease stops
 * working at once, so two never reconcile together for long.
 */
public final class LeaderElection {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);
    public static final String LEASE_NAME = "mooring-controller";

    private LeaderElection() {
    }

    /**
     * Runs {@code lead} while this replica holds the lease; {@code lost} is called when it loses it.
     *
     * @return completes when the election ends (the lease lost, or the future cancelled)
     */
    public static CompletableFuture<?> run(KubernetesClient client, String namespace, String identity, Duration leaseDuration,
                                           Runnable lead, Runnable lost) {
        var config = new LeaderElectionConfigBuilder()
                .withName(LEASE_NAME)
                .withLock(new LeaseLock(namespace, LEASE_NAME, identity))
                .withLeaseDuration(leaseDuration)
                .withRenewDeadline(leaseDuration.multipliedBy(2).dividedBy(3))
                .withRetryPeriod(leaseDuration.dividedBy(5))
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(
                        () -> {
                            LOG.info("{} leads (lease {}/{})", identity, namespace, LEASE_NAME);
                            lead.run();
                        },
                        () -> {
                            LOG.warn("{} lost the lease {}/{}", identity, namespace, LEASE_NAME);
                            lost.run();
                        },
                        leader -> LOG.info("the leader is {}", leader)))
                .build();
        return client.leaderElector().withConfig(config).build().start();
    }
}
