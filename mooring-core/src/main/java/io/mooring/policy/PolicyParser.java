package io.mooring.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.policy.condition.Conditions;
import io.mooring.policy.match.MatchResources;
import io.mooring.resource.YamlDocument;
import io.mooring.resource.YamlReader;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads Kyverno {@code ClusterPolicy} and {@code Policy} documents ({@code kyverno.io/v1},
 * {@code kyverno.io/v2beta1}) into {@link Policy} values, autogen rules included. Anything Mooring
 * cannot evaluate is an error naming the policy and the rule: mutate, generate and verifyImages
 * rules, CEL and podSecurity validations, context other than variables, unknown operators,
 * JMESPath that does not compile or calls an unknown function.
 */
public final class PolicyParser {
    private static final Set<String> API_VERSIONS = Set.of("kyverno.io/v1", "kyverno.io/v2beta1");
    private static final Set<String> KINDS = Set.of("ClusterPolicy", "Policy");

    private PolicyParser() {
    }

    /** Every policy of a YAML stream; empty documents are passed over. */
    public static List<Policy> parse(String source, String text) {
        List<Policy> policies = new ArrayList<>();
        for (YamlDocument document : new YamlReader().read(source, text)) {
            if (!document.isEmpty()) {
                policies.add(parse(document.value(), source, document.line()));
            }
        }
        return policies;
    }

    /** Whether a document claims to be a Kyverno policy of a kind Mooring reads. */
    public static boolean isPolicy(JsonNode document) {
        return API_VERSIONS.contains(document.path("apiVersion").asText("")) && KINDS.contains(document.path("kind").asText(""));
    }

    public static Policy parse(JsonNode document, String source, int line) {
        String kind = document.path("kind").asText("");
        String name = document.path("metadata").path("name").asText("");
        PolicyError where = new PolicyError(source, line, kind.isEmpty() ? "document" : kind, name, null);
        String apiVersion = document.path("apiVersion").asText("");
        if (!document.isObject() || !apiVersion.startsWith("kyverno.io/")) {
            throw where.problem("not a Kyverno policy (apiVersion " + (apiVersion.isEmpty() ? "missing" : apiVersion) + ")",
                    "policies are kyverno.io/v1 ClusterPolicy or Policy documents");
        }
        if (!KINDS.contains(kind) || !API_VERSIONS.contains(apiVersion)) {
            throw where.problem(apiVersion + " " + kind + " is not supported", "Mooring evaluates kyverno.io/v1 or v2beta1 ClusterPolicy and Policy");
        }
        if (name.isEmpty()) {
            throw where.problem("metadata.name is missing", "give the policy a name");
        }
        String namespace = kind.equals("Policy") ? document.path("metadata").path("namespace").asText("default") : "";
        JsonNode spec = document.path("spec");
        FailureAction action = failureAction(spec.path("validationFailureAction"), where, "spec.validationFailureAction");
        List<FailureActionOverride> overrides = overrides(spec.path("validationFailureActionOverrides"), where);
        String applyRules = spec.path("applyRules").asText("All");
        if (!applyRules.equals("All") && !applyRules.equals("One")) {
            throw where.problem("spec.applyRules is " + applyRules, "use All or One");
        }
        JsonNode rulesNode = spec.path("rules");
        if (!rulesNode.isArray() || rulesNode.isEmpty()) {
            throw where.problem("spec.rules is missing or empty", "a policy needs at least one rule");
        }
        List<ObjectNode> written = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode rule : rulesNode) {
            String ruleName = rule.path("name").asText("");
            if (!rule.isObject() || ruleName.isEmpty()) {
                throw where.problem("a rule has no name", "every rule needs a name");
            }
            if (!names.add(ruleName)) {
                throw where.forRule(ruleName).problem("the rule name is used twice", "rule names must be unique within a policy");
            }
            checkSupported((ObjectNode) rule, where.forRule(ruleName));
            written.add((ObjectNode) rule);
        }
        List<Rule> rules = new ArrayList<>();
        for (ObjectNode rule : Autogen.rules(document.path("metadata").path("annotations"), written)) {
            rules.add(rule(rule, where.forRule(rule.path("name").asText())));
        }
        return new Policy(name, namespace, BlockParser.stringMap(document.path("metadata").path("annotations")),
                action == null ? FailureAction.AUDIT : action, overrides, spec.path("background").asBoolean(true),
                applyRules.equals("One"), rules, source, line);
    }

    /** Refuses, by name, what Mooring cannot evaluate, before autogen copies it. */
    private static void checkSupported(ObjectNode rule, PolicyError where) {
        for (String type : new String[] {"mutate", "generate", "verifyImages"}) {
            if (rule.has(type)) {
                throw where.problem("is a " + type + " rule, which Mooring does not support", "Mooring evaluates validate rules; leave this policy to Kyverno in the cluster");
            }
        }
        if (rule.has("celPreconditions")) {
            throw where.problem("uses celPreconditions, which Mooring does not support", "write preconditions with JMESPath conditions");
        }
        JsonNode validate = rule.get("validate");
        if (validate == null || !validate.isObject()) {
            throw where.problem("has no validate block", "a rule needs validate with pattern, anyPattern, deny or foreach");
        }
        for (String type : new String[] {"cel", "podSecurity", "manifests", "assert"}) {
            if (validate.has(type)) {
                throw where.problem("validates with " + type + ", which Mooring does not support",
                        "use pattern, anyPattern, deny or foreach; leave this policy to Kyverno in the cluster");
            }
        }
    }

    private static Rule rule(ObjectNode rule, PolicyError where) {
        if (!rule.has("match")) {
            throw where.problem("has no match block", "say which resources the rule applies to");
        }
        MatchResources match = BlockParser.match(rule.get("match"), where, "match");
        if (match.isEmpty()) {
            throw where.problem("match selects nothing", "name kinds under match.any[].resources.kinds");
        }
        MatchResources exclude = rule.has("exclude") && !rule.get("exclude").isNull() ? BlockParser.match(rule.get("exclude"), where, "exclude") : null;
        List<ContextEntry> context = BlockParser.context(rule.path("context"), where);
        Conditions preconditions = BlockParser.conditions(rule.get("preconditions"), where, "preconditions");
        JsonNode validate = rule.get("validate");
        FailureAction action = failureAction(validate.path("failureAction"), where, "validate.failureAction");
        Validation validation = new Validation(validate.path("message").asText(""), action,
                overrides(validate.path("failureActionOverrides"), where), check(validate, where, "validate"));
        TemplateCheck.check(rule, where);
        return new Rule(rule.path("name").asText(), match, exclude, context, preconditions, validation);
    }

    private static Validation.Check check(JsonNode block, PolicyError where, String field) {
        List<String> present = new ArrayList<>();
        for (String type : new String[] {"pattern", "anyPattern", "deny", "foreach"}) {
            if (block.has(type) && !block.get(type).isNull()) {
                present.add(type);
            }
        }
        if (present.size() != 1) {
            throw where.problem(field + (present.isEmpty() ? " has none" : " has more than one") + " of pattern, anyPattern, deny, foreach",
                    "give exactly one check");
        }
        return switch (present.getFirst()) {
            case "pattern" -> new Validation.PatternCheck(block.get("pattern"));
            case "anyPattern" -> {
                JsonNode patterns = block.get("anyPattern");
                if (!patterns.isArray()) {
                    throw where.problem(field + ".anyPattern must be a list of patterns", null);
                }
                List<JsonNode> list = new ArrayList<>();
                patterns.forEach(list::add);
                yield new Validation.AnyPatternCheck(list);
            }
            case "deny" -> new Validation.DenyCheck(BlockParser.conditions(block.get("deny").get("conditions"), where, field + ".deny.conditions"));
            default -> new Validation.ForeachCheck(foreach(block.get("foreach"), where, field + ".foreach"));
        };
    }

    private static List<Validation.Foreach> foreach(JsonNode list, PolicyError where, String field) {
        if (!list.isArray()) {
            throw where.problem(field + " must be a list", null);
        }
        List<Validation.Foreach> loops = new ArrayList<>();
        for (JsonNode loop : list) {
            String expression = loop.path("list").asText("");
            if (expression.isEmpty()) {
                throw where.problem(field + " has an entry without list", "say which elements to check, e.g. list: request.object.spec.containers");
            }
            JsonNode scope = loop.get("elementScope");
            loops.add(new Validation.Foreach(expression, BlockParser.context(loop.path("context"), where),
                    BlockParser.conditions(loop.get("preconditions"), where, field + ".preconditions"),
                    check(loop, where, field), scope == null || scope.isNull() ? null : scope.asBoolean()));
        }
        return loops;
    }

    private static FailureAction failureAction(JsonNode node, PolicyError where, String field) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        return FailureAction.parse(node.asText()).orElseThrow(() -> where.problem(field + " is " + node.asText(), "use Enforce or Audit"));
    }

    private static List<FailureActionOverride> overrides(JsonNode list, PolicyError where) {
        List<FailureActionOverride> overrides = new ArrayList<>();
        for (JsonNode item : list) {
            FailureAction action = failureAction(item.path("action"), where, "failureActionOverrides.action");
            if (action == null) {
                throw where.problem("a failure action override has no action", "use Enforce or Audit");
            }
            overrides.add(new FailureActionOverride(action, BlockParser.strings(item.path("namespaces"), where, "failureActionOverrides.namespaces"),
                    BlockParser.selector(item.get("namespaceSelector"), where, "failureActionOverrides.namespaceSelector")));
        }
        return overrides;
    }
}
