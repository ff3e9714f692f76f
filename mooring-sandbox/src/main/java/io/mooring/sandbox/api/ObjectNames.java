package io.mooring.sandbox.api;

import io.mooring.sandbox.catalog.ResourceType;
import io.mooring.sandbox.store.ApiException.Cause;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules object names follow, per kind, as kube-apiserver's validation states them: most
 * kinds take DNS subdomains, namespaces DNS labels, services DNS-1035 labels, RBAC objects any
 * path segment. The messages are the apiserver's, since users search for them.
 */
final class ObjectNames {
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_1035 = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");

    private enum Rule { SUBDOMAIN, LABEL, DNS_1035, PATH_SEGMENT }

    private ObjectNames() {
    }

    /** The problems with a new object's name and generateName prefix; empty when both are fine. */
    static List<Cause> check(ResourceType type, String name, String generateName) {
        List<Cause> causes = new ArrayList<>();
        Rule rule = ruleFor(type);
        if (!generateName.isEmpty()) {
            // A prefix may end in '-': the generated suffix follows it.
            String prefix = generateName.endsWith("-") ? generateName.substring(0, generateName.length() - 1) + "a" : generateName;
            problems(rule, prefix).forEach(p -> causes.add(Cause.invalid("metadata.generateName", generateName, p)));
        }
        problems(rule, name).forEach(p -> causes.add(Cause.invalid("metadata.name", name, p)));
        return causes;
    }

    private static Rule ruleFor(ResourceType type) {
        if (type.group().isEmpty() && type.kind().equals("Namespace")) {
            return Rule.LABEL;
        }
        if (type.group().isEmpty() && type.kind().equals("Service")) {
            return Rule.DNS_1035;
        }
        if (type.group().equals("rbac.authorization.k8s.io")) {
            return Rule.PATH_SEGMENT;
        }
        return Rule.SUBDOMAIN;
    }

    private static List<String> problems(Rule rule, String name) {
        List<String> problems = new ArrayList<>();
        switch (rule) {
            case SUBDOMAIN -> {
                if (name.length() > 253) {
                    problems.add("must be no more than 253 characters");
                }
                if (!SUBDOMAIN.matcher(name).matches()) {
                    problems.add("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must "
                            + "start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '"
                            + SUBDOMAIN.pattern() + "')");
                }
            }
            case LABEL -> {
                if (name.length() > 63) {
                    problems.add("must be no more than 63 characters");
                }
                if (!LABEL.matcher(name).matches()) {
                    problems.add("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start "
                            + "and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '"
                            + LABEL.pattern() + "')");
                }
            }
            case DNS_1035 -> {
                if (name.length() > 63) {
                    problems.add("must be no more than 63 characters");
                }
                if (!DNS_1035.matcher(name).matches()) {
                    problems.add("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic "
                            + "character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for "
                            + "validation is '" + DNS_1035.pattern() + "')");
                }
            }
            case PATH_SEGMENT -> {
                if (name.equals(".") || name.equals("..")) {
                    problems.add("may not be '" + name + "'");
                }
                for (String forbidden : new String[] {"/", "%"}) {
                    if (name.contains(forbidden)) {
                        problems.add("may not contain '" + forbidden + "'");
                    }
                }
            }
        }
        return problems;
    }
}
