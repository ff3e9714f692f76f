package io.mooring.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The machine and the tools a benchmark ran with, as lines for a results file. */
final class Machine {
    private Machine() {
    }

    /**
     * @param peerVersion the command that prints the peer's version, or an empty list when there is no peer
     */
    static List<String> describe(List<String> peerVersion) throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>();
        lines.add("cpu: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores available to the JVM");
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            lines.add(String.format(Locale.ROOT, "memory: %.1f GiB", os.getTotalMemorySize() / (1024.0 * 1024 * 1024)));
        }
        lines.add("os: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        lines.add("java: " + System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name")
                + " " + System.getProperty("java.runtime.version") + ", default heap and GC");
        lines.add(loadAverage("at the start"));
        if (!peerVersion.isEmpty()) {
            ProcessRun version = ProcessRun.of(peerVersion);
            lines.add(String.join(" ", peerVersion) + ": " + (version.ok()
                    ? version.stdout().strip().replaceAll("\\s*\n\\s*", ", ")
                    : version.failure()));
        }
        return lines;
    }

    /**
     * The run queue's 1, 5 and 15 minute averages: on a shared machine other work slows both
     * tools, and a results file should say how busy the machine was.
     */
    static String loadAverage(String when) throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        if (!Files.isReadable(loadavg)) {
            return "load average " + when + ": unknown";
        }
        String[] fields = Files.readString(loadavg).strip().split("\\s+");
        return "load average " + when + " (1, 5, 15 min): " + fields[0] + ", " + fields[1] + ", " + fields[2];
    }

    private static String cpuModel() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return System.getProperty("os.arch");
        }
        return Files.readAllLines(cpuinfo).stream()
                .filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip())
                .findFirst()
                .orElse(System.getProperty("os.arch"));
    }
}
