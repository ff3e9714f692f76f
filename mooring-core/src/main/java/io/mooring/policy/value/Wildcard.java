package io.mooring.policy.value;

/**
 * Kyverno's wildcards: {@code *} matches any run of characters (also none), {@code ?} exactly one,
 * everything else itself. No escapes, no classes, and a pattern cannot be malformed. Matching is by
 * code point and linear in practice: only the last {@code *} is ever widened, so patterns like
 * {@code a*a*a*b} cannot backtrack exponentially.
 */
public final class Wildcard {
    private Wildcard() {
    }

    public static boolean contains(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
    }

    public static boolean match(String pattern, String name) {
        int p = 0;
        int n = 0;
        int starP = -1;
        int starN = 0;
        while (n < name.length()) {
            if (p < pattern.length()) {
                int pc = pattern.codePointAt(p);
                if (pc == '*') {
                    p++;
                    if (p == pattern.length()) {
                        return true;
                    }
                    starP = p;
                    starN = n;
                    continue;
                }
                int nc = name.codePointAt(n);
                if (pc == '?' || pc == nc) {
                    p += Character.charCount(pc);
                    n += Character.charCount(nc);
                    continue;
                }
            }
            if (starP < 0) {
                return false;
            }
            // Widen the last star by one code point and retry what follows it.
            starN += Character.charCount(name.codePointAt(starN));
            p = starP;
            n = starN;
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
