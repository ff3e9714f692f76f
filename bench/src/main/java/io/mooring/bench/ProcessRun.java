package io.mooring.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One run of an external command, timed from outside: from just before it is started to just
 * after it has exited, so its process start-up is in the figure; and its CPU time, user and system
 * on all cores, of it and of the children it waited for. Its output goes to temporary
 * files rather than through pipes read by threads, which would add their own cost to the time.
 */
record ProcessRun(List<String> command, int exitCode, String stdout, String stderr, long nanos, long cpuNanos) {
    boolean ok() {
        return exitCode == 0;
    }

    /** What a failed run said, on one line, for a report. */
    String failure() {
        String said = stderr.isBlank() ? stdout : stderr;
        return "exit " + exitCode + ": " + said.strip().replaceAll("\\s*\n\\s*", " / ");
    }

    static ProcessRun of(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("mooring-bench", ".out");
        Path err = Files.createTempFile("mooring-bench", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            long cpuBefore = CpuClock.children();
            long start = System.nanoTime();
            Process process = builder.start();
            int exitCode = process.waitFor();
            long nanos = System.nanoTime() - start;
            long cpu = CpuClock.children() - cpuBefore;
            return new ProcessRun(command, exitCode, Files.readString(out), Files.readString(err), nanos, cpu);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
