package io.mooring.cli.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * What a running sandbox leaves in its directory so that {@code status}, {@code stop} and
 * {@code up} find it: its process (with the process's start time, so that a pid reused by another
 * program after a crash is not taken for it), its URL and kubeconfig, and where its objects are saved.
 *
 * @param stateFile null when the objects are in memory only
 */
public record SandboxRecord(long pid, String processStart, String url, String kubeconfig, String stateFile,
                            long saveEverySeconds, String startedAt) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static Optional<SandboxRecord> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), SandboxRecord.class));
        } catch (IOException e) {
            // A record that cannot be read (half written by a machine that lost power) stands for no sandbox.
            return Optional.empty();
        }
    }

    /** Written beside and renamed, so that a reader never sees half a record. */
    void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(temporary.toFile(), this);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sandbox's record " + file, e);
        }
    }

    /** The start time of a process as recorded, or empty where the system does not tell it. */
    static String startOf(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toString).orElse("");
    }
}
