package io.mooring.policy.match;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MatcherTest {
    private static final MatchedRequest DEPLOYMENT = request("apps", "v1", "Deployment", "shop", "web-api",
            Map.of("app", "web", "tier", "backend"), "CREATE", Map.of("env", "prod"), "");

    private static MatchedRequest request(String group, String version, String kind, String namespace, String name,
                                         Map<String, String> labels, String operation, Map<String, String> namespaceLabels, String user) {
        return new MatchedRequest(group, version, kind, namespace, name, labels, Map.of("owner", "team-a"), operation, namespaceLabels,
                user, List.of(), List.of(), List.of());
    }

    private static ResourceFilter kinds(String... kinds) {
        return filter(List.of(kinds), "", List.of(), null, null, List.of(), List.of());
    }

    private static ResourceFilter filter(List<String> kinds, String name, List<String> namespaces, Selector selector,
                                         Selector namespaceSelector, List<String> operations, List<ResourceFilter.Subject> subjects) {
        return new ResourceFilter(kinds, name, List.of(), namespaces, Map.of(), selector, namespaceSelector, operations, subjects, List.of(), List.of());
    }

    private static MatchResources any(ResourceFilter... filters) {
        return new MatchResources(List.of(filters), List.of(), null);
    }

    @Test
    void kindsMatchWithGroupAndVersionAndWildcards() {
        assertThat(Matcher.selects(any(kinds("Deployment")), null, "", DEPLOYMENT)).isTrue();
        assertThat(Matcher.selects(any(kinds("apps/v1/Deployment")), null, "", DEPLOYMENT)).isTrue();
        assertThat(Matcher.selects(any(kinds("apps/*/Deploy*")), null, "", DEPLOYMENT)).isTrue();
        assertThat(Matcher.selects(any(kinds("v1/Deployment")), null, "", DEPLOYMENT)).isTrue();
        assertThat(Matcher.selects(any(kinds("extensions/v1beta1/Deployment")), null, "", DEPLOYMENT)).isFalse();
        assertThat(Matcher.selects(any(kinds("Pod")), null, "", DEPLOYMENT)).isFalse();
    }

    @Test
    void everyCriterionOfAFilterMustHold() {
        ResourceFilter named = filter(List.of("Deployment"), "web-*", List.of("shop", "other"), null, null, List.of("CREATE", "UPDATE"), List.of());
        assertThat(Matcher.selects(any(named), null, "", DEPLOYMENT)).isTrue();
        ResourceFilter wrongNamespace = filter(List.of("Deployment"), "web-*", List.of("kube-*"), null, null, List.of(), List.of());
        assertThat(Matcher.selects(any(wrongNamespace), null, "", DEPLOYMENT)).isFalse();
        ResourceFilter deleteOnly = filter(List.of("Deployment"), "", List.of(), null, null, List.of("DELETE"), List.of());
        assertThat(Matcher.selects(any(deleteOnly), null, "", DEPLOYMENT)).isFalse();
    }

    @Test
    void selectorsMatchLabelsWithWildcardsAndExpressions() {
        Selector byLabel = new Selector(Map.of("app", "w*"), List.of(new Selector.Requirement("tier", "In", List.of("backend"))));
        assertThat(Matcher.selects(any(filter(List.of("Deployment"), "", List.of(), byLabel, null, List.of(), List.of())), null, "", DEPLOYMENT)).isTrue();
        Selector missing = new Selector(Map.of(), List.of(new Selector.Requirement("team", "Exists", List.of())));
        assertThat(Matcher.selects(any(filter(List.of("Deployment"), "", List.of(), missing, null, List.of(), List.of())), null, "", DEPLOYMENT)).isFalse();
        Selector namespaces = new Selector(Map.of("env", "prod"), List.of());
        assertThat(Matcher.selects(any(filter(List.of("Deployment"), "", List.of(), null, namespaces, List.of(), List.of())), null, "", DEPLOYMENT)).isTrue();
    }

    @Test
    void allNeedsEveryFilterAndExcludeRemovesWhatItSelects() {
        MatchResources all = new MatchResources(List.of(), List.of(kinds("Deployment"), filter(List.of(), "", List.of("shop"), null, null, List.of(), List.of())), null);
        assertThat(Matcher.selects(all, null, "", DEPLOYMENT)).isTrue();
        MatchResources exclude = any(filter(List.of(), "", List.of("shop"), null, null, List.of(), List.of()));
        assertThat(Matcher.selects(any(kinds("Deployment")), exclude, "", DEPLOYMENT)).isFalse();
    }

    @Test
    void aNamespacedPolicySeesOnlyItsNamespace() {
        assertThat(Matcher.selects(any(kinds("Deployment")), null, "shop", DEPLOYMENT)).isTrue();
        assertThat(Matcher.selects(any(kinds("Deployment")), null, "other", DEPLOYMENT)).isFalse();
    }

    @Test
    void userCriteriaAreIgnoredInMatchWithoutAUserAndExcludeNothingInExclude() {
        ResourceFilter byUser = filter(List.of("Deployment"), "", List.of(), null, null, List.of(), List.of(new ResourceFilter.Subject("User", "alice", "")));
        assertThat(Matcher.selects(any(byUser), null, "", DEPLOYMENT)).as("no user: the kinds decide").isTrue();
        assertThat(Matcher.selects(any(kinds("Deployment")), any(byUser), "", DEPLOYMENT)).as("no user: exclude by user excludes nothing").isTrue();
        MatchedRequest byBob = request("apps", "v1", "Deployment", "shop", "web-api", Map.of(), "CREATE", Map.of(), "bob");
        assertThat(Matcher.selects(any(byUser), null, "", byBob)).isFalse();
        MatchedRequest byAlice = request("apps", "v1", "Deployment", "shop", "web-api", Map.of(), "CREATE", Map.of(), "alice");
        assertThat(Matcher.selects(any(kinds("Deployment")), any(byUser), "", byAlice)).isFalse();
    }
}
