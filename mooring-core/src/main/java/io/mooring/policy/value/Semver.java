package io.mooring.policy.value;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Semantic versions and ranges for {@code semver_compare}, as blang/semver v4 reads them: ranges
 * are comparisons ({@code >=1.2.0}, {@code <2.0.0}, {@code !=1.3.0}, a bare version meaning equal)
 * joined by spaces (all must hold) and {@code ||} (one group must hold).
 */
public record Semver(long major, long minor, long patch, List<String> prerelease) implements Comparable<Semver> {
    private static final Pattern VERSION = Pattern.compile(
            "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");
    private static final Pattern COMPARISON = Pattern.compile("(>=|<=|!=|==|=|>|<|!)?\\s*(.+)");
    public static final Semver ZERO = new Semver(0, 0, 0, List.of());

    /** The version, or null when {@code text} is not one. */
    public static Semver parse(String text) {
        Matcher m = VERSION.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        List<String> prerelease = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."));
        return new Semver(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), prerelease);
    }

    /** Whether {@code version} is in {@code range}; throws when the range does not parse. */
    public static boolean inRange(Semver version, String range) {
        for (String alternative : range.split("\\|\\|")) {
            List<String> parts = new ArrayList<>();
            for (String part : alternative.trim().split("\\s+")) {
                if (!part.isEmpty()) {
                    parts.add(part);
                }
            }
            if (parts.isEmpty()) {
                throw new IllegalArgumentException("invalid semver range: " + range);
            }
            if (parts.stream().allMatch(part -> holds(version, part, range))) {
                return true;
            }
        }
        return false;
    }

    private static boolean holds(Semver version, String comparison, String range) {
        Matcher m = COMPARISON.matcher(comparison);
        Semver bound = m.matches() ? parse(m.group(2)) : null;
        if (bound == null) {
            throw new IllegalArgumentException("invalid semver range: " + range);
        }
        int order = version.compareTo(bound);
        String operator = m.group(1) == null ? "=" : m.group(1);
        return switch (operator) {
            case ">" -> order > 0;
            case ">=" -> order >= 0;
            case "<" -> order < 0;
            case "<=" -> order <= 0;
            case "!=", "!" -> order != 0;
            default -> order == 0;
        };
    }

    @Override
    public int compareTo(Semver other) {
        int order = Long.compare(major, other.major);
        if (order == 0) {
            order = Long.compare(minor, other.minor);
        }
        if (order == 0) {
            order = Long.compare(patch, other.patch);
        }
        if (order != 0) {
            return order;
        }
        // A version without a pre-release ranks above one with.
        if (prerelease.isEmpty() || other.prerelease.isEmpty()) {
            return Boolean.compare(prerelease.isEmpty(), other.prerelease.isEmpty());
        }
        for (int i = 0; i < Math.min(prerelease.size(), other.prerelease.size()); i++) {
            String a = prerelease.get(i);
            String b = other.prerelease.get(i);
            boolean numericA = a.chars().allMatch(Character::isDigit);
            boolean numericB = b.chars().allMatch(Character::isDigit);
            int part = numericA && numericB ? Long.compare(Long.parseLong(a), Long.parseLong(b))
                    : numericA != numericB ? (numericA ? -1 : 1) : a.compareTo(b);
            if (part != 0) {
                return part;
            }
        }
        return Integer.compare(prerelease.size(), other.prerelease.size());
    }
}
