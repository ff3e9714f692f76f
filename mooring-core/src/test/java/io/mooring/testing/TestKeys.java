package io.mooring.testing;

import io.mooring.secrets.SealingKey;
import io.mooring.secrets.SealingKeys;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sealing keys for tests, made once per JVM: a 4096-bit key takes a second or more to make, and
 * the format does not depend on the size. Keys {@code 0, 1, 2...} are 2048-bit and made a day apart
 * (key 0 newest); {@link #full()} is a 4096-bit key as the key ring makes them.
 */
public final class TestKeys {
    private static final Map<Integer, SealingKey> KEYS = new ConcurrentHashMap<>();
    private static final Instant NOW = Instant.now();

    private TestKeys() {
    }

    public static SealingKey key(int index) {
        return KEYS.computeIfAbsent(index, i -> SealingKeys.generate(2048, NOW.minus(Duration.ofDays(i)), SealingKeys.VALIDITY,
                new SecureRandom()).named("test-key-" + i));
    }

    public static SealingKey full() {
        return KEYS.computeIfAbsent(-1, i -> SealingKeys.generate(SealingKeys.DEFAULT_BITS, NOW, SealingKeys.VALIDITY, new SecureRandom())
                .named("test-key-4096"));
    }
}
