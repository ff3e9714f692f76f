package io.mooring.health;

/**
 * The assessed health of one object.
 *
 * @param status  the verdict
 * @param message why, for people (empty when there is nothing to say)
 */
public record Health(HealthStatus status, String message) {
    public static Health healthy(String message) {
        return new Health(HealthStatus.HEALTHY, message);
    }

    public static Health progressing(String message) {
        return new Health(HealthStatus.PROGRESSING, message);
    }

    public static Health degraded(String message) {
        return new Health(HealthStatus.DEGRADED, message);
    }

    public static Health suspended(String message) {
        return new Health(HealthStatus.SUSPENDED, message);
    }

    public static Health missing() {
        return new Health(HealthStatus.MISSING, "the object does not exist in the cluster");
    }
}
