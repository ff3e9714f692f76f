package io.mooring.web.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Which Applications a push concerns, and the push payloads of GitHub, GitLab and Gitea. */
class PushMatcherTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PushEvent MAIN = new PushEvent(List.of("https://github.com/Org/Platform.git", "git@github.com:Org/Platform.git"),
            "refs/heads/main", "main", Set.of("apps/web/deploy.yaml"));

    @Test
    void oneRepositoryUnderEveryUrlForm() {
        assertThat(PushMatcher.normalise("git@github.com:org/platform.git")).isEqualTo("github.com/org/platform");
        assertThat(PushMatcher.normalise("https://user@GitHub.com/Org/Platform/")).isEqualTo("github.com/org/platform");
        assertThat(PushMatcher.normalise("ssh://git@github.com:22/org/platform.git")).isEqualTo("github.com/org/platform");
        assertThat(PushMatcher.normalise("file:///tmp/repos/platform/")).isEqualTo("/tmp/repos/platform");
        assertThat(PushMatcher.matches(MAIN, "ssh://git@github.com/org/platform", "main", Optional.empty())).isTrue();
        assertThat(PushMatcher.matches(MAIN, "https://github.com/org/other", "main", Optional.empty())).isFalse();
    }

    @Test
    void theRevisionFollowedMustBeThePushedRef() {
        assertThat(PushMatcher.matches(MAIN, "https://github.com/org/platform", "", Optional.empty())).as("default branch").isTrue();
        assertThat(PushMatcher.matches(MAIN, "https://github.com/org/platform", "HEAD", Optional.empty())).isTrue();
        assertThat(PushMatcher.matches(MAIN, "https://github.com/org/platform", "refs/heads/main", Optional.empty())).isTrue();
        assertThat(PushMatcher.matches(MAIN, "https://github.com/org/platform", "release", Optional.empty())).as("another branch").isFalse();
        assertThat(PushMatcher.matches(MAIN, "https://github.com/org/platform", "0123456789abcdef0123456789abcdef01234567", Optional.empty()))
                .as("pinned to a commit").isFalse();
        PushEvent tag = new PushEvent(List.of("https://github.com/org/platform"), "refs/tags/v1.2.0", "main", null);
        assertThat(PushMatcher.matches(tag, "https://github.com/org/platform", "v1.2.0", Optional.empty())).isTrue();
        assertThat(PushMatcher.matches(tag, "https://github.com/org/platform", "", Optional.empty())).as("a tag is not the default branch").isFalse();
    }

    @Test
    void listedFilesMustTouchAPathTheLastRenderRead() {
        String repo = "https://github.com/org/platform";
        assertThat(PushMatcher.matches(MAIN, repo, "main", Optional.of(Set.of("apps/web")))).isTrue();
        assertThat(PushMatcher.matches(MAIN, repo, "main", Optional.of(Set.of("apps/we")))).as("a prefix of a name is not a parent").isFalse();
        assertThat(PushMatcher.matches(MAIN, repo, "main", Optional.of(Set.of("apps/db", "values/web.yaml")))).isFalse();
        assertThat(PushMatcher.matches(MAIN, repo, "main", Optional.of(Set.of(".")))).as("kustomize: anything may concern it").isTrue();
        assertThat(PushMatcher.matches(MAIN, repo, "main", Optional.empty())).as("not rendered yet").isTrue();
        PushEvent unknownFiles = new PushEvent(MAIN.repoUrls(), MAIN.ref(), "main", null);
        assertThat(PushMatcher.matches(unknownFiles, repo, "main", Optional.of(Set.of("apps/db")))).as("files unknown: every path").isTrue();
    }

    @Test
    void githubPushPayload() throws Exception {
        PushEvent push = PushEvents.github(JSON.readTree("""
                {"ref": "refs/heads/main", "forced": false, "created": false,
                 "repository": {"clone_url": "https://github.com/org/platform.git", "ssh_url": "git@github.com:org/platform.git",
                                "html_url": "https://github.com/org/platform", "default_branch": "main"},
                 "commits": [{"added": ["apps/a/x.yaml"], "modified": ["apps/b/y.yaml"], "removed": []},
                             {"added": [], "modified": [], "removed": ["apps/c/z.yaml"]}]}
                """));
        assertThat(push.repoUrls()).contains("https://github.com/org/platform.git", "git@github.com:org/platform.git");
        assertThat(push.defaultBranch()).isEqualTo("main");
        assertThat(push.files()).containsExactlyInAnyOrder("apps/a/x.yaml", "apps/b/y.yaml", "apps/c/z.yaml");
        PushEvent forced = PushEvents.github(JSON.readTree("""
                {"ref": "refs/heads/main", "forced": true, "repository": {"clone_url": "https://github.com/org/platform.git"},
                 "commits": [{"added": ["a"], "modified": [], "removed": []}]}
                """));
        assertThat(forced.files()).as("a forced push may have changed anything").isNull();
    }

    @Test
    void gitlabAndGiteaPushPayloads() throws Exception {
        PushEvent gitlab = PushEvents.gitlab(JSON.readTree("""
                {"object_kind": "push", "ref": "refs/heads/main", "total_commits_count": 1,
                 "project": {"git_http_url": "https://gitlab.example.com/org/platform.git", "git_ssh_url": "git@gitlab.example.com:org/platform.git",
                             "default_branch": "main"},
                 "commits": [{"added": [], "modified": ["apps/web/a.yaml"], "removed": []}]}
                """));
        assertThat(gitlab.repoUrls()).contains("https://gitlab.example.com/org/platform.git");
        assertThat(gitlab.files()).containsExactly("apps/web/a.yaml");
        PushEvent cut = PushEvents.gitlab(JSON.readTree("""
                {"ref": "refs/heads/main", "total_commits_count": 40, "project": {"git_http_url": "https://g/o/p.git"},
                 "commits": [{"added": ["a"], "modified": [], "removed": []}]}
                """));
        assertThat(cut.files()).as("GitLab cut the list short").isNull();
        PushEvent gitea = PushEvents.gitea(JSON.readTree("""
                {"ref": "refs/heads/dev", "repository": {"clone_url": "https://gitea.example.com/org/platform.git", "default_branch": "main"},
                 "commits": [{"added": ["x/y"], "modified": [], "removed": []}]}
                """));
        assertThat(gitea.ref()).isEqualTo("refs/heads/dev");
        assertThat(gitea.files()).containsExactly("x/y");
    }
}
