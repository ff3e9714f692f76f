package io.mooring.controller;

import java.time.Duration;

/**
 * How the controller runs.
 *
 * @param namespace    where it looks for Applications; empty for every namespace
 * @param pollInterval how often it fetches each repository when no webhook or refresh asks sooner
 * @param workers      how many applications it reconciles at once
 * @param waveTimeout  how long one sync wave may take to become healthy
 */
public record ControllerSettings(String namespace, Duration pollInterval, int workers, Duration waveTimeout) {
    public static ControllerSettings defaults() {
        return new ControllerSettings("mooring", Duration.ofSeconds(60), 16, Duration.ofMinutes(5));
    }

    public ControllerSettings withNamespace(String namespace) {
        return new ControllerSettings(namespace, pollInterval, workers, waveTimeout);
    }

    public ControllerSettings withPollInterval(Duration pollInterval) {
        return new ControllerSettings(namespace, pollInterval, workers, waveTimeout);
    }

    public ControllerSettings withWorkers(int workers) {
        return new ControllerSettings(namespace, pollInterval, workers, waveTimeout);
    }
}
