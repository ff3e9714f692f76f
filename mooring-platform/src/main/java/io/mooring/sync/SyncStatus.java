package io.mooring.sync;

/** Whether the cluster holds what Git says, as Argo CD users read it. */
public enum SyncStatus {
    SYNCED("Synced"), OUT_OF_SYNC("OutOfSync"), UNKNOWN("Unknown");

    private final String text;

    SyncStatus(String text) {
        this.text = text;
    }

    @Override
    public String toString() {
        return text;
    }
}
