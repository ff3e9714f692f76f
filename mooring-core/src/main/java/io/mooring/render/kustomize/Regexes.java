package io.mooring.render.kustomize;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Selector fields are regular expressions matched whole, as kustomize does; compiled once each. */
final class Regexes {
    private static final Map<String, Pattern> ANCHORED = new ConcurrentHashMap<>();

    private Regexes() {
    }

    /** Whether {@code value} matches {@code pattern} entirely; an empty pattern matches anything. */
    static boolean matchesWhole(String pattern, String value) {
        return pattern.isEmpty() || ANCHORED.computeIfAbsent(pattern, p -> Pattern.compile("^(?:" + p + ")$")).matcher(value).matches();
    }
}
