package io.mooring.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.policy.jmespath.JsonValues;
import io.mooring.policy.match.KindSelector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Kyverno's autogen: a rule written for Pods also applies to the pod controllers, as
 * {@code autogen-<rule>} for Deployments, StatefulSets, DaemonSets, Jobs, ReplicaSets and
 * ReplicationControllers (pattern under {@code spec.template}) and {@code autogen-cronjob-<rule>}
 * for CronJobs (under {@code spec.jobTemplate.spec.template}); {@code request.object.spec} and
 * {@code .metadata} in the rule's text move along. The annotation
 * {@code pod-policies.kyverno.io/autogen-controllers} names the controllers or turns it off
 * ({@code none}). Works on the rules as written (JSON), as Kyverno does, before they are parsed.
 */
final class Autogen {
    static final String CONTROLLERS_ANNOTATION = "pod-policies.kyverno.io/autogen-controllers";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CONTROLLERS = List.of("DaemonSet", "Deployment", "Job", "StatefulSet", "ReplicaSet", "ReplicationController");
    private static final Set<String> POD_KINDS = Set.of("Pod", "DaemonSet", "Deployment", "Job", "StatefulSet", "ReplicaSet",
            "ReplicationController", "CronJob");
    private static final String[][] POD_REPLACEMENTS = {
            {"request.object.spec", "request.object.spec.template.spec"},
            {"request.oldObject.spec", "request.oldObject.spec.template.spec"},
            {"request.object.metadata", "request.object.spec.template.metadata"},
            {"request.oldObject.metadata", "request.oldObject.spec.template.metadata"}};
    private static final String[][] CRONJOB_REPLACEMENTS = {
            {"request.object.spec", "request.object.spec.jobTemplate.spec.template.spec"},
            {"request.oldObject.spec", "request.oldObject.spec.jobTemplate.spec.template.spec"},
            {"request.object.metadata", "request.object.spec.jobTemplate.spec.template.metadata"},
            {"request.oldObject.metadata", "request.oldObject.spec.jobTemplate.spec.template.metadata"}};

    private Autogen() {
    }

    /** The policy's rules with the generated ones appended (or the rules as they are when autogen does not apply). */
    static List<ObjectNode> rules(JsonNode annotations, List<ObjectNode> rules) {
        boolean applies = applies(rules);
        String annotation = annotations.path(CONTROLLERS_ANNOTATION).asText(null);
        String controllers;
        if (!applies) {
            return rules;
        }
        controllers = annotation == null ? String.join(",", CONTROLLERS) + ",CronJob" : annotation;
        if (controllers.equals("none")) {
            return rules;
        }
        List<ObjectNode> generated = new ArrayList<>();
        for (ObjectNode rule : rules) {
            ObjectNode forControllers = forControllers(rule, stripCronJob(controllers));
            if (forControllers != null) {
                generated.add(convert(forControllers, POD_REPLACEMENTS));
            }
            ObjectNode forCronJob = forCronJob(rule, controllers);
            if (forCronJob != null) {
                generated.add(convert(forCronJob, CRONJOB_REPLACEMENTS));
            }
        }
        if (generated.isEmpty()) {
            return rules;
        }
        List<ObjectNode> out = new ArrayList<>();
        rules.stream().filter(r -> !r.path("name").asText("").startsWith("autogen-")).forEach(out::add);
        out.addAll(generated);
        return out;
    }

    /** No autogen when a rule selects by name, selector or annotations, or mixes Pod with other kinds; and only when some rule is about pods. */
    private static boolean applies(List<ObjectNode> rules) {
        boolean needed = false;
        for (ObjectNode rule : rules) {
            for (String block : new String[] {"match", "exclude"}) {
                JsonNode blockNode = rule.path(block);
                List<JsonNode> descriptions = new ArrayList<>();
                descriptions.add(blockNode.path("resources"));
                blockNode.path("any").forEach(f -> descriptions.add(f.path("resources")));
                blockNode.path("all").forEach(f -> descriptions.add(f.path("resources")));
                for (JsonNode description : descriptions) {
                    if (!description.isObject()) {
                        continue;
                    }
                    List<String> kinds = strings(description.path("kinds"));
                    if (!description.path("name").asText("").isEmpty() || !description.path("names").isEmpty()
                            || description.has("selector") || description.has("annotations")
                            || kinds.size() > 1 && containsKind(kinds, "Pod")) {
                        return false;
                    }
                    needed = needed || kinds.stream().anyMatch(POD_KINDS::contains);
                }
            }
        }
        return needed;
    }

    private static String stripCronJob(String controllers) {
        return String.join(",", new TreeSet<>(Arrays.asList(controllers.split(","))).stream().filter(c -> !c.equals("CronJob")).toList());
    }

    private static ObjectNode forControllers(ObjectNode rule, String controllers) {
        String name = rule.path("name").asText("");
        if (name.startsWith("autogen-") || controllers.isEmpty()) {
            return null;
        }
        if (!containsKind(kindsOf(rule.path("match")), "Pod")) {
            return null;
        }
        List<String> excludeKinds = kindsOf(rule.path("exclude"));
        if (!excludeKinds.isEmpty() && !containsKind(excludeKinds, "Pod")) {
            return null;
        }
        String effective = controllers;
        if (controllers.equals("all")) {
            effective = String.join(",", CONTROLLERS);
        } else if (!controllers.equals("none")) {
            List<String> validated = sortedKinds(controllers).stream().filter(CONTROLLERS::contains).toList();
            if (!validated.isEmpty()) {
                effective = String.join(",", validated);
            }
        }
        return generate(autogenName("autogen", name), rule, "template", sortedKinds(effective), true);
    }

    private static ObjectNode forCronJob(ObjectNode rule, String controllers) {
        if (!controllers.contains("CronJob") && !controllers.contains("all")) {
            return null;
        }
        ObjectNode base = forControllers(rule, controllers);
        if (base == null) {
            return null;
        }
        return generate(autogenName("autogen-cronjob", rule.path("name").asText("")), base, "jobTemplate", List.of("CronJob"), false);
    }

    private static String autogenName(String prefix, String name) {
        String generated = prefix + "-" + name;
        return generated.length() > 63 ? generated.substring(0, 63) : generated;
    }

    private static List<String> sortedKinds(String controllers) {
        return new ArrayList<>(new TreeSet<>(Arrays.asList(controllers.split(","))));
    }

    /**
     * A copy of {@code rule} named {@code name}, selecting {@code kinds} where it selected Pods
     * ({@code onlyPodFilters}) or everywhere, with its patterns one level down under {@code spec.<templateKey>}.
     */
    private static ObjectNode generate(String name, ObjectNode rule, String templateKey, List<String> kinds, boolean onlyPodFilters) {
        ObjectNode copy = rule.deepCopy();
        copy.put("name", name);
        replaceKinds(copy.path("match"), kinds, onlyPodFilters, true);
        replaceKinds(copy.path("exclude"), kinds, onlyPodFilters, false);
        JsonNode validate = copy.get("validate");
        if (validate != null && validate.isObject()) {
            copy.set("validate", generatedValidate((ObjectNode) validate, templateKey));
        }
        return copy;
    }

    private static void replaceKinds(JsonNode block, List<String> kinds, boolean onlyPodFilters, boolean match) {
        if (!block.isObject()) {
            return;
        }
        for (String list : new String[] {"any", "all"}) {
            if (block.path(list).isArray() && !block.path(list).isEmpty()) {
                for (JsonNode filter : block.path(list)) {
                    JsonNode resources = filter.path("resources");
                    if (resources.isObject() && (!onlyPodFilters || containsKind(strings(resources.path("kinds")), "Pod"))) {
                        ((ObjectNode) resources).set("kinds", array(kinds));
                    }
                }
                return;
            }
        }
        JsonNode resources = block.path("resources");
        if (match) {
            ObjectNode target = resources.isObject() ? (ObjectNode) resources : ((ObjectNode) block).putObject("resources");
            target.set("kinds", array(kinds));
        } else if (resources.isObject() && !resources.path("kinds").isEmpty()) {
            ((ObjectNode) resources).set("kinds", array(kinds));
        }
    }

    /** The validate block for the controllers: message, failure actions and the check, patterns wrapped. */
    private static ObjectNode generatedValidate(ObjectNode validate, String templateKey) {
        ObjectNode out = JsonValues.object();
        for (String kept : new String[] {"message", "failureAction", "failureActionOverrides", "allowExistingViolations"}) {
            if (validate.has(kept)) {
                out.set(kept, validate.get(kept));
            }
        }
        if (validate.has("pattern")) {
            out.set("pattern", wrap(validate.get("pattern"), templateKey));
        } else if (validate.has("deny")) {
            out.set("deny", validate.get("deny"));
        } else if (validate.has("anyPattern") && validate.get("anyPattern").isArray()) {
            ArrayNode patterns = out.putArray("anyPattern");
            validate.get("anyPattern").forEach(p -> patterns.add(wrap(p, templateKey)));
        } else if (validate.has("foreach")) {
            out.set("foreach", validate.get("foreach"));
        } else {
            return validate;
        }
        return out;
    }

    private static ObjectNode wrap(JsonNode pattern, String templateKey) {
        ObjectNode wrapped = JsonValues.object();
        wrapped.putObject("spec").set(templateKey, pattern);
        return wrapped;
    }

    /** Moves {@code request.object.spec} and friends to the pod template, in the rule's whole text as Kyverno does. */
    private static ObjectNode convert(ObjectNode rule, String[][] replacements) {
        try {
            String text = JSON.writeValueAsString(rule);
            for (String[] replacement : replacements) {
                text = text.replace(replacement[0], replacement[1]);
            }
            return (ObjectNode) JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("autogen could not rewrite rule " + rule.path("name").asText(), e);
        }
    }

    private static List<String> kindsOf(JsonNode block) {
        Set<String> kinds = new LinkedHashSet<>(strings(block.path("resources").path("kinds")));
        block.path("any").forEach(f -> kinds.addAll(strings(f.path("resources").path("kinds"))));
        block.path("all").forEach(f -> kinds.addAll(strings(f.path("resources").path("kinds"))));
        return List.copyOf(kinds);
    }

    private static boolean containsKind(List<String> kinds, String kind) {
        return kinds.stream().anyMatch(k -> KindSelector.parse(k).kind().equals(kind));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static ArrayNode array(List<String> values) {
        ArrayNode out = JsonValues.array();
        values.forEach(out::add);
        return out;
    }
}
