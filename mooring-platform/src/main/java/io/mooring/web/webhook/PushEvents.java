package io.mooring.web.webhook;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Push payloads of GitHub, GitLab and Gitea to {@link PushEvent}s. Pure. */
public final class PushEvents {
    /** GitLab lists at most 20 commits; GitHub up to 2048: past this, the files are taken as unknown. */
    private static final int GITLAB_COMMIT_LIMIT = 20;

    private PushEvents() {
    }

    public static PushEvent github(JsonNode body) {
        JsonNode repository = body.path("repository");
        boolean complete = !body.path("forced").asBoolean(false) && !body.path("created").asBoolean(false) && body.path("commits").size() > 0;
        return new PushEvent(urls(repository, "clone_url", "ssh_url", "html_url", "git_url"), body.path("ref").asText(),
                repository.path("default_branch").asText(""), complete ? files(body.path("commits")) : null);
    }

    public static PushEvent gitlab(JsonNode body) {
        JsonNode project = body.path("project");
        List<String> urls = urls(project, "git_http_url", "git_ssh_url", "web_url", "http_url", "ssh_url");
        urls.addAll(urls(body.path("repository"), "git_http_url", "git_ssh_url", "homepage", "url"));
        JsonNode commits = body.path("commits");
        boolean complete = commits.size() > 0 && commits.size() < GITLAB_COMMIT_LIMIT
                && body.path("total_commits_count").asInt(commits.size()) == commits.size();
        return new PushEvent(urls, body.path("ref").asText(), project.path("default_branch").asText(""), complete ? files(commits) : null);
    }

    public static PushEvent gitea(JsonNode body) {
        JsonNode repository = body.path("repository");
        JsonNode commits = body.path("commits");
        boolean complete = commits.size() > 0 && body.path("total_commits").asInt(commits.size()) == commits.size();
        return new PushEvent(urls(repository, "clone_url", "ssh_url", "html_url"), body.path("ref").asText(),
                repository.path("default_branch").asText(""), complete ? files(commits) : null);
    }

    private static List<String> urls(JsonNode node, String... fields) {
        List<String> urls = new ArrayList<>();
        for (String field : fields) {
            if (node.path(field).isTextual() && !node.path(field).asText().isEmpty()) {
                urls.add(node.path(field).asText());
            }
        }
        return urls;
    }

    private static Set<String> files(JsonNode commits) {
        Set<String> files = new HashSet<>();
        for (JsonNode commit : commits) {
            for (String list : new String[]{"added", "modified", "removed"}) {
                commit.path(list).forEach(f -> files.add(f.asText()));
            }
        }
        return files;
    }
}
