package io.mooring.secrets;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every sealing key a cluster holds, newest first. The newest seals; all of them unseal, so a
 * SealedSecret sealed before a renewal keeps working. Sealed Secrets orders keys by their
 * certificate's notBefore; so does this, so imported keys keep their place.
 *
 * @param keys the keys, any order (kept newest first)
 */
public record KeyRing(List<SealingKey> keys) {
    /** How often a new key is made, as the Sealed Secrets controller's default {@code --key-renew-period}. */
    public static final Duration RENEW_PERIOD = Duration.ofDays(30);

    public static final KeyRing EMPTY = new KeyRing(List.of());

    public KeyRing {
        keys = keys.stream().sorted(Comparator.comparing(SealingKey::created).reversed()).toList();
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** The key new values are sealed with. */
    public Optional<SealingKey> current() {
        return keys.stream().findFirst();
    }

    /** Whether a new key is due at {@code now}: there is none, or the newest is older than {@code period} (zero: never). */
    public boolean renewalDue(Instant now, Duration period) {
        if (keys.isEmpty()) {
            return true;
        }
        return !period.isZero() && !keys.getFirst().created().plus(period).isAfter(now);
    }

    public boolean contains(SealingKey key) {
        String fingerprint = key.fingerprint();
        return keys.stream().anyMatch(k -> k.fingerprint().equals(fingerprint));
    }

    /** A fingerprint of the whole ring: unseal caches made with another ring are not reused. */
    public String identity() {
        return String.join(",", keys.stream().map(SealingKey::fingerprint).sorted().toList());
    }
}
