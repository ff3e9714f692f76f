package io.mooring.web.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How the portal reads Applications' custom resources: pure, fast, and never failing on a field that is absent. */
class ViewsOfStatusTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static AppSummary app(String name, String environment, String sync, String health) {
        return AppSummary.of(json("""
                {"metadata": {"namespace": "mooring", "name": "%s"},
                 "spec": {"environment": "%s", "source": {"repoURL": "https://github.com/acme/platform.git", "path": "apps/%s"}},
                 "status": {"sync": {"status": "%s", "revision": "0123456789abcdef0123456789abcdef01234567"}, "health": {"status": "%s"}}}
                """.formatted(name, environment, name, sync, health)));
    }

    @Test
    void anApplicationWithoutStatusReadsAsUnknownNotAsAnError() {
        AppSummary app = AppSummary.of(json("{\"metadata\": {\"namespace\": \"mooring\", \"name\": \"new\"}, \"spec\": {}}"));
        assertThat(app.sync()).isEqualTo("Unknown");
        assertThat(app.health()).isEqualTo("Unknown");
        assertThat(app.last()).isEmpty();
        assertThat(app.conditions()).isEmpty();
        assertThat(app.policyResult()).as("no policy field: no verdict").isEmpty();
        assertThat(app.revisionUrl()).isEmpty();
        assertThat(app.followed()).isEqualTo("HEAD");
        assertThat(app.href()).isEqualTo("/applications/mooring/new");
        assertThat(PolicyReport.of(json("{}"))).isEmpty();
    }

    @Test
    void anApplicationReadsItsLastSyncConditionsAndPolicyResult() {
        AppSummary app = AppSummary.of(json("""
                {"metadata": {"namespace": "mooring", "name": "web"},
                 "spec": {"environment": "dev", "source": {"repoURL": "https://github.com/acme/platform", "path": "apps/web", "targetRevision": "main"},
                          "destination": {"namespace": "web"}, "syncPolicy": {"automated": {"prune": true}}},
                 "status": {"sync": {"status": "OutOfSync", "revision": "0123456789abcdef0123456789abcdef01234567"},
                            "health": {"status": "Degraded", "message": "0 of 2 ready"},
                            "operationState": {"phase": "Failed", "message": "boom", "initiatedBy": "automated", "finishedAt": "2026-11-22T10:00:00Z"},
                            "conditions": [{"type": "SyncError", "message": "boom", "lastTransitionTime": "2026-11-22T10:00:00Z"}],
                            "policy": {"result": "Warning"}, "summary": {"resources": 3, "outOfSync": 1}}}
                """));
        assertThat(app.automated()).isTrue();
        assertThat(app.healthMessage()).isEqualTo("0 of 2 ready");
        assertThat(app.last().orElseThrow().finishedAt()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(app.conditions()).extracting(AppSummary.Condition::type).containsExactly("SyncError");
        assertThat(app.policyResult()).isEqualTo("Warning");
        assertThat(app.shortRevision()).isEqualTo("0123456");
        assertThat(app.revisionUrl()).contains("https://github.com/acme/platform/commit/0123456789abcdef0123456789abcdef01234567");
        assertThat(Overview.needsAttention(app)).isTrue();
    }

    @Test
    void commitLinksOnlyForRepositoriesOnAWebHostAndNeverWithCredentials() {
        String sha = "0123456789abcdef0123456789abcdef01234567";
        assertThat(CommitLinks.commit("https://github.com/acme/platform.git", sha)).contains("https://github.com/acme/platform/commit/" + sha);
        assertThat(CommitLinks.commit("https://gitlab.example.com/group/sub/platform.git/", sha))
                .contains("https://gitlab.example.com/group/sub/platform/-/commit/" + sha);
        assertThat(CommitLinks.commit("https://bitbucket.org/acme/platform.git", sha)).contains("https://bitbucket.org/acme/platform/commits/" + sha);
        assertThat(CommitLinks.commit("http://gitea.local:3000/acme/platform", sha)).contains("http://gitea.local:3000/acme/platform/commit/" + sha);
        assertThat(CommitLinks.commit("https://ci:s3cret@github.com/acme/platform.git", sha)).as("no credentials in a link")
                .contains("https://github.com/acme/platform/commit/" + sha);
        assertThat(CommitLinks.commit("git@github.com:acme/platform.git", sha)).as("ssh: no web page").isEmpty();
        assertThat(CommitLinks.commit("file:///tmp/platform", sha)).isEmpty();
        assertThat(CommitLinks.commit("https://github.com/acme/platform", "main")).as("a branch is no commit").isEmpty();
        assertThat(CommitLinks.shortSha(sha)).isEqualTo("0123456");
        assertThat(CommitLinks.shortSha("main")).isEqualTo("main");
    }

    @Test
    void timesAreRelativeWithTheAbsoluteTimeBeside() {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        assertThat(Times.relative(now.minusSeconds(3), now)).isEqualTo("just now");
        assertThat(Times.relative(now.minusSeconds(42), now)).isEqualTo("42 s ago");
        assertThat(Times.relative(now.minusSeconds(330), now)).isEqualTo("5 min ago");
        assertThat(Times.relative(now.minusSeconds(3 * 3600 + 5), now)).isEqualTo("3 h ago");
        assertThat(Times.relative(now.minusSeconds(2 * 86_400), now)).isEqualTo("2 d ago");
        assertThat(Times.relative(now.plusSeconds(120), now)).isEqualTo("in 2 min");
        assertThat(Times.relative(null, now)).isEmpty();
        assertThat(Times.absolute(now)).isEqualTo("2026-11-22 10:00:00 UTC");
        assertThat(Times.parse("yesterday")).isNull();
    }

    @Test
    void badgesCarryAToneForEveryStateAndNoneForTheUnknown() {
        assertThat(List.of("Synced", "Healthy", "Succeeded", "Passed")).allSatisfy(s -> assertThat(Tones.of(s)).isEqualTo("ok"));
        assertThat(List.of("OutOfSync", "Progressing", "Running", "Warning")).allSatisfy(s -> assertThat(Tones.of(s)).isEqualTo("warn"));
        assertThat(List.of("Degraded", "Failed", "Blocked", "Error")).allSatisfy(s -> assertThat(Tones.of(s)).isEqualTo("bad"));
        assertThat(Tones.of("Suspended")).isEqualTo("info");
        assertThat(List.of("Unknown", "Missing", "", "Whatever")).allSatisfy(s -> assertThat(Tones.of(s)).isEqualTo("none"));
    }

    @Test
    void theOverviewCountsEverythingAndShowsWhatPassesTheFilter() {
        List<AppSummary> apps = List.of(app("web-dev", "dev", "Synced", "Healthy"), app("web-prod", "prod", "OutOfSync", "Healthy"),
                app("db-prod", "prod", "Synced", "Degraded"), app("cache-dev", "dev", "Synced", "Progressing"));
        Overview all = Overview.of(apps, Overview.Filter.of(null, null, null));
        assertThat(all.rows()).hasSize(4);
        assertThat(List.of(all.total(), all.synced(), all.outOfSync(), all.healthy(), all.progressing(), all.degraded()))
                .containsExactly(4, 3, 1, 2, 1, 1);
        assertThat(all.environments()).containsExactly("dev", "prod");
        assertThat(Overview.of(apps, Overview.Filter.of("", "prod", "")).rows()).extracting(AppSummary::name).containsExactly("web-prod", "db-prod");
        assertThat(Overview.of(apps, Overview.Filter.of("", "", "attention")).rows()).extracting(AppSummary::name)
                .containsExactly("web-prod", "db-prod", "cache-dev");
        assertThat(Overview.of(apps, Overview.Filter.of("", "", "Degraded")).rows()).extracting(AppSummary::name).containsExactly("db-prod");
        Overview named = Overview.of(apps, Overview.Filter.of(" WEB ", "", ""));
        assertThat(named.rows()).extracting(AppSummary::name).containsExactly("web-dev", "web-prod");
        assertThat(named.total()).as("counts stay over all").isEqualTo(4);
    }

    @Test
    void environmentsLineUpEachServiceInPromotionOrderAndMarkImagesThatDiffer() {
        List<AppSummary> apps = List.of(app("web-prod", "prod", "Synced", "Healthy"), app("web-dev", "dev", "Synced", "Healthy"),
                app("web-staging", "staging", "Synced", "Healthy"), app("db-dev", "dev", "Synced", "Healthy"),
                app("namespaces", "", "Synced", "Healthy"), app("tools-qa", "qa", "Synced", "Healthy"));
        List<EnvironmentMatrix.Environment> declared = List.of(new EnvironmentMatrix.Environment("dev", "", true),
                new EnvironmentMatrix.Environment("staging", "", true), new EnvironmentMatrix.Environment("prod", "", true));
        EnvironmentMatrix matrix = EnvironmentMatrix.of(declared, apps, Map.of(
                "mooring/web-dev", List.of("ghcr.io/acme/web:1.2"), "mooring/web-staging", List.of("ghcr.io/acme/web:1.2"),
                "mooring/web-prod", List.of("ghcr.io/acme/web:1.1")));
        assertThat(matrix.environments()).extracting(EnvironmentMatrix.Environment::name).as("an undeclared environment comes last")
                .containsExactly("dev", "staging", "prod", "qa");
        assertThat(matrix.rows()).extracting(EnvironmentMatrix.Row::service).containsExactly("db", "tools", "web");
        EnvironmentMatrix.Row web = matrix.rows().get(2);
        assertThat(web.cells()).extracting(c -> c.empty() ? "-" : c.app().name()).containsExactly("web-dev", "web-staging", "web-prod", "-");
        assertThat(web.cells()).extracting(EnvironmentMatrix.Cell::differsFromPrevious).containsExactly(false, false, true, false);
        assertThat(matrix.rows().get(0).cells()).extracting(EnvironmentMatrix.Cell::empty).containsExactly(false, true, true, true);
        assertThat(matrix.unassigned()).extracting(AppSummary::name).containsExactly("namespaces");
        assertThat(EnvironmentMatrix.shortImage("ghcr.io/acme/web:1.2")).isEqualTo("web:1.2");
        assertThat(EnvironmentMatrix.shortImage("nginx")).isEqualTo("nginx");
        assertThat(EnvironmentMatrix.shortImage("ghcr.io/acme/web@sha256:0123456789abcdef")).isEqualTo("web@sha256:012345");
    }

    @Test
    void aPolicyReportHoldsWhatTheStatusSaysAndTheOverviewPutsBlockedFirst() {
        JsonNode blocked = json("""
                {"policy": {"result": "Blocked", "sources": ["policies at 1a2b3c4", "cluster (2)"], "policies": 6, "objects": 4, "blocking": 1,
                  "warnings": 60, "violations": [
                   {"policy": "p1", "rule": "r1", "action": "Enforce", "kind": "Deployment", "namespace": "web", "name": "api", "message": "no"},
                   {"policy": "p2", "rule": "r2", "action": "Audit", "kind": "Namespace", "name": "web", "message": "hm"}]}}
                """);
        PolicyReport report = PolicyReport.of(blocked).orElseThrow();
        assertThat(report.sources()).containsExactly("policies at 1a2b3c4", "cluster (2)");
        assertThat(report.violations()).extracting(PolicyReport.Violation::object).containsExactly("Deployment/web/api", "Namespace/web");
        assertThat(report.violations().get(0).blocks()).isTrue();
        assertThat(report.unlisted()).as("61 counted, 2 listed").isEqualTo(59);
        PolicyReport error = PolicyReport.of(json("{\"policy\": {\"result\": \"Error\", \"message\": \"cannot read policies/\"}}")).orElseThrow();
        assertThat(error.message()).isEqualTo("cannot read policies/");
        PolicyReport passed = PolicyReport.of(json("{\"policy\": {\"result\": \"Passed\", \"policies\": 6}}")).orElseThrow();

        PolicyOverview overview = PolicyOverview.of(List.of(new PolicyOverview.Entry(app("a", "", "Synced", "Healthy"), passed),
                new PolicyOverview.Entry(app("b", "", "Synced", "Healthy"), report), new PolicyOverview.Entry(app("c", "", "Unknown", "Unknown"), error),
                new PolicyOverview.Entry(app("d", "", "Synced", "Healthy"), report)), 3);
        assertThat(overview.applications()).extracting(e -> e.app().name()).containsExactly("b", "d", "c", "a");
        assertThat(overview.policies()).extracting(PolicyOverview.PolicyLine::policy).as("Enforce first").containsExactly("p1", "p2");
        assertThat(overview.policies().get(0).violations()).isEqualTo(2);
        assertThat(overview.policies().get(0).applications()).containsExactly("b", "d");
        assertThat(overview.unchecked()).isEqualTo(3);
    }

    @Test
    void aDiffSplitsIntoLinesThatSayWhatTheyAre() {
        assertThat(DiffView.lines("--- live/x\n+++ git/x\n@@ -1,2 +1,2 @@\n a: 1\n-b: 2\n+b: 3\n")).extracting(DiffView.Line::kind)
                .containsExactly("file", "file", "hunk", "ctx", "del", "add");
        assertThat(DiffView.lines("")).isEmpty();
    }

    @Test
    void historyIsNewestFirstWithTheCommitsFirstLine() {
        List<HistoryEntry> history = HistoryEntry.newestFirst(List.of(
                json("{\"id\": 1, \"revision\": \"aaaaaaaaaaaa\", \"message\": \"first\\n\\nbody\", \"result\": \"Succeeded\"}"),
                json("{\"id\": 2, \"revision\": \"bbbbbbbbbbbb\", \"message\": \"second\", \"deployedAt\": \"2026-11-22T10:00:00Z\"}")));
        assertThat(history).extracting(HistoryEntry::id).containsExactly(2L, 1L);
        assertThat(history.get(1).subject()).isEqualTo("first");
        assertThat(history.get(1).shortRevision()).isEqualTo("aaaaaaa");
        assertThat(history.get(0).deployedAt()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
    }
}
