package io.mooring.web.portal;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One recorded sync of an Application (its {@code status.history}), as its page lists it, newest first. Pure. */
public record HistoryEntry(long id, String revision, String author, String message, Instant committedAt, Instant deployedAt, String result,
                           int applied, int pruned) {

    public static List<HistoryEntry> newestFirst(List<JsonNode> history) {
        List<HistoryEntry> entries = new ArrayList<>();
        for (JsonNode h : history) {
            entries.add(new HistoryEntry(h.path("id").asLong(), h.path("revision").asText(""), h.path("author").asText(""),
                    h.path("message").asText(""), Times.parse(h.path("committedAt").asText("")), Times.parse(h.path("deployedAt").asText("")),
                    h.path("result").asText(""), h.path("applied").asInt(0), h.path("pruned").asInt(0)));
        }
        return List.copyOf(entries.reversed());
    }

    /** The commit message's first line. */
    public String subject() {
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }

    public String shortRevision() {
        return CommitLinks.shortSha(revision);
    }
}
