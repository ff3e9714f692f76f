package io.mooring.secrets;

import io.mooring.cluster.ClusterClient;
import io.mooring.cluster.Retrying;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * The controller's key renewal, run on a timer: the first key when the ring is empty, then a new
 * key whenever the newest is older than the renewal period (30 days by default). Old keys stay in
 * the ring, so everything sealed before keeps unsealing; new seals use the new key.
 */
public final class KeyRenewal implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(KeyRenewal.class);

    private final KeyRingStore store;
    private final SecretsSettings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public KeyRenewal(ClusterClient cluster, SecretsSettings settings, Clock clock) {
        this.store = new KeyRingStore(cluster.client(), settings.keyNamespace(), Retrying.DEFAULT);
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            store.renewIfDue(settings.renewPeriod(), settings.keyBits(), clock.instant(), random)
                    .ifPresent(key -> LOG.info("new sealing key {} ({}); older keys keep unsealing", key.name(), key.fingerprint()));
        } catch (RuntimeException e) {
            LOG.warn("cannot renew the sealing key in namespace {}: {}", settings.keyNamespace(), e.getMessage());
        }
    }
}
