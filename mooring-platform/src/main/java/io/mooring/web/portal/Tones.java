package io.mooring.web.portal;

/**
 * The colour family of a state word, for badges that carry colour and text: {@code ok} (Synced,
 * Healthy, Succeeded, Passed), {@code warn} (OutOfSync, Progressing, Running, Warning), {@code bad}
 * (Degraded, Failed, Blocked, Error), {@code info} (Suspended) and {@code none} (Unknown, Missing,
 * anything else). Pure.
 */
public final class Tones {
    private Tones() {
    }

    public static String of(String state) {
        return switch (state == null ? "" : state) {
            case "Synced", "Healthy", "Succeeded", "Passed", "success" -> "ok";
            case "OutOfSync", "Progressing", "Running", "Warning", "accepted" -> "warn";
            case "Degraded", "Failed", "Blocked", "Error", "failure", "denied" -> "bad";
            case "Suspended" -> "info";
            default -> "none";
        };
    }
}
