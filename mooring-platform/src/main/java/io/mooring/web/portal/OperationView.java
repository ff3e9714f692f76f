package io.mooring.web.portal;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A sync or rollback started from a page or the API, as the page follows it (from the operation's JSON). Pure. */
public record OperationView(String id, String kind, String phase, String message, String requestedBy, Instant startedAt, Instant finishedAt,
                            String revision, List<String> steps) {

    public static OperationView of(JsonNode operation) {
        List<String> steps = new ArrayList<>();
        operation.path("steps").forEach(s -> steps.add(s.asText()));
        return new OperationView(operation.path("id").asText(), operation.path("kind").asText(), operation.path("phase").asText(),
                operation.path("message").asText(""), operation.path("requestedBy").asText(""), Times.parse(operation.path("startedAt").asText("")),
                Times.parse(operation.path("finishedAt").asText("")), operation.path("revision").asText(""), List.copyOf(steps));
    }

    public boolean running() {
        return finishedAt == null;
    }

    /** The last steps, which the page shows while it runs. */
    public List<String> lastSteps(int count) {
        return steps.subList(Math.max(0, steps.size() - count), steps.size());
    }
}
