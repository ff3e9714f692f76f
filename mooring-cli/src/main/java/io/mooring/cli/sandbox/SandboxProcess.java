package io.mooring.cli.sandbox;

import io.mooring.sandbox.SandboxException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A sandbox running in its own JVM, in the background: found through the record in its
 * directory, started detached from the terminal, stopped with SIGTERM so that it saves its
 * objects on the way out.
 */
public final class SandboxProcess {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private SandboxProcess() {
    }

    /** What the directory says about a sandbox. */
    public sealed interface Lookup permits Running, NotRunning {
    }

    /** A sandbox whose process runs. */
    public record Running(SandboxDirectory directory, SandboxRecord record, ProcessHandle process) implements Lookup {
    }

    /**
     * No sandbox runs.
     *
     * @param stale the record of one that ended without cleaning up (killed), now removed; null when there was none
     */
    public record NotRunning(SandboxDirectory directory, SandboxRecord stale) implements Lookup {
    }

    public static Lookup find(SandboxDirectory directory) {
        Optional<SandboxRecord> record = SandboxRecord.read(directory.record());
        if (record.isEmpty()) {
            return new NotRunning(directory, null);
        }
        Optional<ProcessHandle> process = ProcessHandle.of(record.get().pid())
                .filter(ProcessHandle::isAlive)
                .filter(p -> SandboxRecord.startOf(p).equals(record.get().processStart()));
        if (process.isPresent()) {
            return new Running(directory, record.get(), process.get());
        }
        deleteRecord(directory);
        return new NotRunning(directory, record.get());
    }

    /**
     * Starts {@code mooring sandbox start --foreground} as a new JVM in its own session (Ctrl-C and
     * the terminal closing do not reach it), its output in the directory's log, and returns once
     * it has written its record and its API answers.
     *
     * @throws SandboxException when it exits or does not answer in time, with the end of its log
     */
    public static Running startDetached(SandboxDirectory directory, int port, int nodes) {
        try {
            Files.createDirectories(directory.path());
            Files.deleteIfExists(directory.record());
            ProcessBuilder builder = new ProcessBuilder(command(directory, port, nodes));
            if (!directory.persistent()) {
                builder.environment().put(SandboxDirectory.ENVIRONMENT, directory.path().toString());
            }
            Process process = builder
                    .redirectErrorStream(true)
                    .redirectOutput(directory.log().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new SandboxException("the sandbox did not start (exit code " + process.exitValue() + "): "
                            + lastLines(directory.log()) + " (its log: " + directory.log() + ")");
                }
                if (find(directory) instanceof Running running && answers(running.record().url())) {
                    return running;
                }
                Thread.sleep(100);
            }
            process.destroy();
            throw new SandboxException("the sandbox did not answer within " + START_TIMEOUT.toSeconds() + "s; see its log " + directory.log());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the sandbox in " + directory.path(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while the sandbox started", e);
        }
    }

    /** The running sandbox of the directory, started in the background if none runs. */
    public static Running ensureRunning(SandboxDirectory directory, int port, int nodes) {
        return find(directory) instanceof Running running ? running : startDetached(directory, port, nodes);
    }

    /**
     * Asks the sandbox to stop (SIGTERM: it closes its API, saves its objects and removes its
     * record) and waits until its process has ended.
     */
    public static void stop(Running running) {
        running.process().destroy();
        try {
            running.process().onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new SandboxException("the sandbox (pid " + running.record().pid() + ") did not stop within "
                    + STOP_TIMEOUT.toSeconds() + "s; kill -9 " + running.record().pid()
                    + " ends it, losing the changes since its last save");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while the sandbox stopped", e);
        }
        deleteRecord(running.directory());
    }

    /** Whether {@code url}'s /healthz says ok. */
    static boolean answers(String url) {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url + "/healthz"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * This JVM again, on the same class path, running the sandbox in the foreground; the directory
     * goes with {@code --state}, or in the environment when the objects are not kept.
     */
    private static List<String> command(SandboxDirectory directory, int port, int nodes) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.mooring.cli.Main",
                "sandbox", "start", "--foreground", "--port", Integer.toString(port), "--nodes", Integer.toString(nodes)));
        if (directory.persistent()) {
            command.addAll(List.of("--state", directory.path().toString()));
        }
        return command;
    }

    private static void deleteRecord(SandboxDirectory directory) {
        try {
            Files.deleteIfExists(directory.record());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the sandbox's record " + directory.record(), e);
        }
    }

    private static String lastLines(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "no output";
        }
        List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "no output" : String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }
}
