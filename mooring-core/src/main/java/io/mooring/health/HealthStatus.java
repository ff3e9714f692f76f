package io.mooring.health;

/** How healthy an object or an application is, from best to worst (Argo CD's order, which users know). */
public enum HealthStatus {
    HEALTHY("Healthy"),
    SUSPENDED("Suspended"),
    PROGRESSING("Progressing"),
    MISSING("Missing"),
    DEGRADED("Degraded"),
    UNKNOWN("Unknown");

    private final String text;

    HealthStatus(String text) {
        this.text = text;
    }

    /** The word shown to users and stored in status. */
    public String text() {
        return text;
    }

    public boolean isWorseThan(HealthStatus other) {
        return ordinal() > other.ordinal();
    }

    public static HealthStatus worst(HealthStatus a, HealthStatus b) {
        return a.isWorseThan(b) ? a : b;
    }
}
