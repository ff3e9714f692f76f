package io.mooring.testing;

/** Where one printed text first departs from another, for the message of a failed comparison. */
public final class FirstDifference {
    private FirstDifference() {
    }

    /**
     * "line N:" and the two lines side by side, each named by who printed it; "the line endings"
     * when every line is the same.
     */
    public static String of(String expected, String expectedBy, String actual, String actualBy) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        for (int i = 0; i < Math.max(e.length, a.length); i++) {
            String el = i < e.length ? e[i] : "<end>";
            String al = i < a.length ? a[i] : "<end>";
            if (!el.equals(al)) {
                String label = "%-" + (Math.max(expectedBy.length(), actualBy.length()) + 1) + "s";
                return "line " + (i + 1) + ":\n  " + label.formatted(expectedBy + ":") + " " + el
                        + "\n  " + label.formatted(actualBy + ":") + " " + al;
            }
        }
        return "the line endings";
    }
}
