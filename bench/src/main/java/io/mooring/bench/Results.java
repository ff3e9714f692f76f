package io.mooring.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The end of a benchmark run: the load average after it, then the report written to its results file and printed. */
final class Results {
    private Results() {
    }

    static void finish(List<String> report, Path results) throws IOException {
        report.add("");
        report.add(Machine.loadAverage("at the end"));
        Files.createDirectories(results.getParent());
        Files.writeString(results, String.join("\n", report) + "\n");
        System.out.println(String.join("\n", report));
        System.out.println("\nwritten to " + results);
    }
}
