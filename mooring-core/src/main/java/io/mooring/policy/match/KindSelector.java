package io.mooring.policy.match;

import io.mooring.policy.value.Wildcard;

import java.util.regex.Pattern;

/**
 * A kind a rule matches, as written in {@code kinds}: {@code Pod}, {@code v1/Pod},
 * {@code apps/v1/Deployment}, {@code networking.k8s.io/*\/Ingress}, {@code Pod/exec}; each part may
 * hold wildcards.
 */
public record KindSelector(String group, String version, String kind, String subresource) {
    private static final Pattern VERSION = Pattern.compile("^(v\\d+((alpha|beta)\\d+)?|\\*)$");

    /** Kyverno's ParseKindSelector: the last segment may carry {@code .subresource}. */
    public static KindSelector parse(String text) {
        String[] slashParts = text.split("/", -1);
        String[] last = slashParts[slashParts.length - 1].split("\\.", -1);
        String[] parts = new String[slashParts.length - 1 + last.length];
        System.arraycopy(slashParts, 0, parts, 0, slashParts.length - 1);
        System.arraycopy(last, 0, parts, slashParts.length - 1, last.length);
        return switch (parts.length) {
            case 1 -> new KindSelector("*", "*", parts[0], "");
            case 2 -> {
                if (parts[0].equals("*") && parts[1].equals("*")) {
                    yield new KindSelector("*", "*", "*", "*");
                }
                if (parts[0].equals("*") && parts[1].toLowerCase().equals(parts[1])) {
                    yield new KindSelector("*", "*", parts[0], parts[1]);
                }
                yield VERSION.matcher(parts[0]).matches()
                        ? new KindSelector("*", parts[0], parts[1], "")
                        : new KindSelector("*", "*", parts[0], parts[1]);
            }
            case 3 -> VERSION.matcher(parts[0]).matches()
                    ? new KindSelector("*", parts[0], parts[1], parts[2])
                    : new KindSelector(parts[0], parts[1], parts[2], "");
            case 4 -> new KindSelector(parts[0], parts[1], parts[2], parts[3]);
            // More parts than group/version/kind/subresource: Kyverno selects nothing with it.
            default -> new KindSelector("", "", "", "");
        };
    }

    /** Whether an object of this group, version and kind (not a subresource) is selected. */
    public boolean matches(String objectGroup, String objectVersion, String objectKind) {
        return Wildcard.match(group, objectGroup) && Wildcard.match(version, objectVersion) && Wildcard.match(kind, objectKind)
                && Wildcard.match(subresource, "");
    }
}
