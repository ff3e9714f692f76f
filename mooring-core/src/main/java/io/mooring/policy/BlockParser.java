package io.mooring.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.policy.condition.Condition;
import io.mooring.policy.condition.Conditions;
import io.mooring.policy.condition.Operator;
import io.mooring.policy.match.MatchResources;
import io.mooring.policy.match.ResourceFilter;
import io.mooring.policy.match.Selector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the blocks a rule is made of: match and exclude, conditions, context entries, selectors. */
final class BlockParser {
    private static final List<String> SELECTOR_OPERATORS = List.of("In", "NotIn", "Exists", "DoesNotExist");

    private BlockParser() {
    }

    static MatchResources match(JsonNode block, PolicyError where, String field) {
        if (!block.isObject()) {
            throw where.problem(field + " must be a map", "write " + field + ": {any: [{resources: {kinds: [...]}}]}");
        }
        List<ResourceFilter> any = filters(block.path("any"), where, field + ".any");
        List<ResourceFilter> all = filters(block.path("all"), where, field + ".all");
        ResourceFilter single = block.has("resources") || block.has("subjects") || block.has("roles") || block.has("clusterRoles")
                ? filter(block, where, field) : null;
        return new MatchResources(any, all, single);
    }

    private static List<ResourceFilter> filters(JsonNode list, PolicyError where, String field) {
        if (list.isMissingNode() || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw where.problem(field + " must be a list", null);
        }
        List<ResourceFilter> filters = new ArrayList<>();
        list.forEach(item -> filters.add(filter(item, where, field)));
        return filters;
    }

    private static ResourceFilter filter(JsonNode node, PolicyError where, String field) {
        JsonNode resources = node.path("resources");
        List<ResourceFilter.Subject> subjects = new ArrayList<>();
        node.path("subjects").forEach(s -> subjects.add(new ResourceFilter.Subject(s.path("kind").asText(""), s.path("name").asText(""),
                s.path("namespace").asText(""))));
        return new ResourceFilter(strings(resources.path("kinds"), where, field + ".resources.kinds"),
                resources.path("name").asText(""),
                strings(resources.path("names"), where, field + ".resources.names"),
                strings(resources.path("namespaces"), where, field + ".resources.namespaces"),
                stringMap(resources.path("annotations")),
                selector(resources.get("selector"), where, field + ".resources.selector"),
                selector(resources.get("namespaceSelector"), where, field + ".resources.namespaceSelector"),
                operations(resources.path("operations"), where, field),
                subjects,
                strings(node.path("roles"), where, field + ".roles"),
                strings(node.path("clusterRoles"), where, field + ".clusterRoles"));
    }

    private static List<String> operations(JsonNode list, PolicyError where, String field) {
        List<String> operations = strings(list, where, field + ".resources.operations");
        for (String op : operations) {
            if (!List.of("CREATE", "UPDATE", "DELETE", "CONNECT").contains(op)) {
                throw where.problem(field + ".resources.operations has " + op, "use CREATE, UPDATE, DELETE or CONNECT");
            }
        }
        return operations;
    }

    static Selector selector(JsonNode node, PolicyError where, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        List<Selector.Requirement> requirements = new ArrayList<>();
        for (JsonNode expression : node.path("matchExpressions")) {
            String operator = expression.path("operator").asText("");
            if (!SELECTOR_OPERATORS.contains(operator)) {
                throw where.problem(field + " has the operator '" + operator + "'", "use one of " + SELECTOR_OPERATORS);
            }
            requirements.add(new Selector.Requirement(expression.path("key").asText(""), operator,
                    strings(expression.path("values"), where, field + ".matchExpressions.values")));
        }
        return new Selector(stringMap(node.path("matchLabels")), requirements);
    }

    /** A conditions block: {@code {any: [...], all: [...]}} or the old plain list (an {@code all}). */
    static Conditions conditions(JsonNode node, PolicyError where, String field) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return Conditions.NONE;
        }
        if (node.isArray()) {
            return new Conditions(null, conditionList(node, where, field));
        }
        if (!node.isObject()) {
            throw where.problem(field + " must be a map with any and all, or a list", null);
        }
        List<Condition> any = node.has("any") && !node.get("any").isNull() ? conditionList(node.get("any"), where, field + ".any") : null;
        List<Condition> all = conditionList(node.path("all"), where, field + ".all");
        return new Conditions(any, all);
    }

    private static List<Condition> conditionList(JsonNode list, PolicyError where, String field) {
        if (list.isMissingNode() || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw where.problem(field + " must be a list of conditions", null);
        }
        List<Condition> conditions = new ArrayList<>();
        for (JsonNode item : list) {
            String operatorText = item.path("operator").asText("");
            Operator operator = Operator.parse(operatorText).orElseThrow(() -> where.problem(
                    field + " has an unknown operator '" + operatorText + "'",
                    "use one of " + Arrays.stream(Operator.values()).map(Operator::spelling).toList()));
            conditions.add(new Condition(node(item, "key"), operator, node(item, "value"), item.path("message").asText("")));
        }
        return conditions;
    }

    private static JsonNode node(JsonNode item, String field) {
        JsonNode value = item.get(field);
        return value == null ? com.fasterxml.jackson.databind.node.NullNode.instance : value;
    }

    static List<ContextEntry> context(JsonNode list, PolicyError where) {
        if (list.isMissingNode() || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw where.problem("context must be a list", null);
        }
        List<ContextEntry> entries = new ArrayList<>();
        for (JsonNode entry : list) {
            String name = entry.path("name").asText("");
            if (name.isEmpty()) {
                throw where.problem("a context entry has no name", null);
            }
            for (String unsupported : new String[] {"apiCall", "configMap", "imageRegistry", "globalReference"}) {
                if (entry.has(unsupported)) {
                    throw where.problem("context entry " + name + " uses " + unsupported + ", which Mooring does not support yet",
                            "use a variable entry (value or jmesPath), or leave this policy to Kyverno in the cluster");
                }
            }
            JsonNode variable = entry.get("variable");
            if (variable == null || !variable.isObject()) {
                throw where.problem("context entry " + name + " has no variable", "write variable: {value: ..., jmesPath: ..., default: ...}");
            }
            entries.add(new ContextEntry(name, variable.get("value"), variable.path("jmesPath").asText(""), variable.get("default")));
        }
        return entries;
    }

    static List<String> strings(JsonNode list, PolicyError where, String field) {
        if (list.isMissingNode() || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw where.problem(field + " must be a list", null);
        }
        List<String> out = new ArrayList<>();
        list.forEach(item -> out.add(item.asText()));
        return out;
    }

    static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            map.put(entry.getKey(), entry.getValue().asText());
        }
        return map;
    }
}
