package io.mooring.sandbox.workloads.job;

import java.util.BitSet;

/** The completion indexes of an Indexed Job in their status form: ranges like {@code 0-2,4,7-9}. */
final class CompletionIndexes {
    private CompletionIndexes() {
    }

    static BitSet parse(String text) {
        BitSet indexes = new BitSet();
        if (text == null || text.isBlank()) {
            return indexes;
        }
        for (String part : text.split(",")) {
            try {
                int dash = part.indexOf('-');
                if (dash < 0) {
                    indexes.set(Integer.parseInt(part.strip()));
                } else {
                    indexes.set(Integer.parseInt(part.substring(0, dash).strip()), Integer.parseInt(part.substring(dash + 1).strip()) + 1);
                }
            } catch (NumberFormatException e) {
                // A range we cannot read counts as nothing done: the index runs again.
            }
        }
        return indexes;
    }

    static String format(BitSet indexes) {
        StringBuilder text = new StringBuilder();
        int start = indexes.nextSetBit(0);
        while (start >= 0) {
            int end = indexes.nextClearBit(start) - 1;
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(start);
            if (end > start) {
                text.append('-').append(end);
            }
            start = indexes.nextSetBit(end + 1);
        }
        return text.toString();
    }
}
