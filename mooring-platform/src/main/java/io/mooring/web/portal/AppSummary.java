package io.mooring.web.portal;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One Application as the portal shows it, read from its custom resource: where it comes from and
 * goes, its sync state and health, its last sync and its conditions. Fields the status lacks read
 * as Unknown or empty, never as an error. Pure.
 */
public record AppSummary(String namespace, String name, String environment, String repoUrl, String path, String targetRevision,
                         String destinationNamespace, boolean automated, String sync, String revision, String health, String healthMessage,
                         LastSync lastSync, List<Condition> conditions, String policyResult, int resources, int outOfSync) {

    /** The last sync (operationState); absent before the first. */
    public record LastSync(String phase, String message, String initiatedBy, Instant finishedAt, String revision) {
    }

    /** A condition of the status (SyncError, SourceError, PruneBlocked, PolicyViolation...). */
    public record Condition(String type, String message, Instant since) {
    }

    public static AppSummary of(JsonNode resource) {
        JsonNode metadata = resource.path("metadata");
        JsonNode spec = resource.path("spec");
        JsonNode status = resource.path("status");
        JsonNode source = spec.path("source");
        JsonNode automated = spec.path("syncPolicy").path("automated");
        JsonNode operation = status.path("operationState");
        LastSync last = operation.isObject() ? new LastSync(operation.path("phase").asText(""), operation.path("message").asText(""),
                operation.path("initiatedBy").asText(""), Times.parse(operation.path("finishedAt").asText("")),
                operation.path("revision").asText("")) : null;
        List<Condition> conditions = new ArrayList<>();
        for (JsonNode condition : status.path("conditions")) {
            conditions.add(new Condition(condition.path("type").asText(""), condition.path("message").asText(""),
                    Times.parse(condition.path("lastTransitionTime").asText(""))));
        }
        return new AppSummary(metadata.path("namespace").asText(""), metadata.path("name").asText(""), spec.path("environment").asText(""),
                source.path("repoURL").asText(""), source.path("path").asText("."), source.path("targetRevision").asText(""),
                spec.path("destination").path("namespace").asText(""), automated.isObject() || automated.asBoolean(false),
                status.path("sync").path("status").asText("Unknown"), status.path("sync").path("revision").asText(""),
                status.path("health").path("status").asText("Unknown"), status.path("health").path("message").asText(""), last,
                List.copyOf(conditions), status.path("policy").path("result").asText(""), status.path("summary").path("resources").asInt(0),
                status.path("summary").path("outOfSync").asInt(0));
    }

    public Optional<LastSync> last() {
        return Optional.ofNullable(lastSync);
    }

    /** The page of the Application. */
    public String href() {
        return "/applications/" + namespace + "/" + name;
    }

    public String shortRevision() {
        return CommitLinks.shortSha(revision);
    }

    /** Where the revision can be seen, when the repository is on an http(s) host. */
    public Optional<String> revisionUrl() {
        return CommitLinks.commit(repoUrl, revision);
    }

    /** Where a commit of this Application's repository can be seen. */
    public Optional<String> commitUrl(String sha) {
        return CommitLinks.commit(repoUrl, sha);
    }

    /** The revision it follows, as people say it: {@code main}, or {@code HEAD} for the default branch. */
    public String followed() {
        return targetRevision.isEmpty() ? "HEAD" : targetRevision;
    }
}
