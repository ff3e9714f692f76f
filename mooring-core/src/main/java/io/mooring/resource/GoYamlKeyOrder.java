package io.mooring.resource;

import java.util.Arrays;

/**
 * The order go-yaml v2 prints mapping keys in (its {@code keyList.Less}, for string keys): a
 * natural sort where runs of digits compare as numbers, letters sort after other characters, and
 * letters compare by code point. It is not plain lexicographic: {@code a2} comes before {@code a10}
 * and {@code b1} before {@code b01}.
 */
final class GoYamlKeyOrder {
    /** Go's sort.Sort uses insertion sort up to this many elements. */
    private static final int INSERTION_SORT_MAX = 12;

    private GoYamlKeyOrder() {
    }

    /** The keys, sorted as go-yaml v2 sorts them. */
    static String[] sorted(Iterable<String> keys, int size) {
        Key[] sorted = new Key[size];
        int n = 0;
        for (String key : keys) {
            sorted[n++] = new Key(key, codePoints(key));
        }
        if (n <= INSERTION_SORT_MAX) {
            insertionSort(sorted, n);
        } else {
            mergeSort(sorted, Arrays.copyOf(sorted, n), 0, n);
        }
        String[] result = new String[n];
        for (int i = 0; i < n; i++) {
            result[i] = sorted[i].text;
        }
        return result;
    }

    private record Key(String text, int[] codePoints) {
    }

    private static int[] codePoints(String text) {
        int[] codePoints = new int[text.length()];
        int n = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            codePoints[n++] = c;
            i += Character.charCount(c);
        }
        return n == codePoints.length ? codePoints : Arrays.copyOf(codePoints, n);
    }

    /** Exactly Go's small-slice insertion sort, so even an odd pair of keys lands where Go puts it. */
    private static void insertionSort(Key[] keys, int n) {
        for (int i = 1; i < n; i++) {
            for (int j = i; j > 0 && less(keys[j].codePoints, keys[j - 1].codePoints); j--) {
                Key swap = keys[j];
                keys[j] = keys[j - 1];
                keys[j - 1] = swap;
            }
        }
    }

    /**
     * A plain merge sort for larger maps: the same result as Go's pdqsort for any consistent order,
     * and unlike the JDK's sorts it never rejects a comparison that is not transitive.
     */
    private static void mergeSort(Key[] keys, Key[] scratch, int from, int to) {
        if (to - from < 2) {
            return;
        }
        int middle = (from + to) >>> 1;
        mergeSort(scratch, keys, from, middle);
        mergeSort(scratch, keys, middle, to);
        int left = from;
        int right = middle;
        for (int i = from; i < to; i++) {
            if (left < middle && (right >= to || !less(scratch[right].codePoints, scratch[left].codePoints))) {
                keys[i] = scratch[left++];
            } else {
                keys[i] = scratch[right++];
            }
        }
    }

    /** go-yaml v2's keyList.Less for two strings, given as code points. */
    static boolean less(int[] a, int[] b) {
        for (int i = 0; i < a.length && i < b.length; i++) {
            if (a[i] == b[i]) {
                continue;
            }
            boolean aLetter = Character.isLetter(a[i]);
            boolean bLetter = Character.isLetter(b[i]);
            if (aLetter && bLetter) {
                return a[i] < b[i];
            }
            if (aLetter || bLetter) {
                return bLetter;
            }
            // Go keeps these in int64 and lets them wrap on overflow; so does long.
            long aNumber = 0;
            long bNumber = 0;
            if (a[i] == '0' || b[i] == '0') {
                // A zero inside a longer number is significant: seed both sides so it counts.
                for (int j = i - 1; j >= 0 && Character.isDigit(a[j]); j--) {
                    if (a[j] != '0') {
                        aNumber = 1;
                        bNumber = 1;
                        break;
                    }
                }
            }
            int aEnd = i;
            for (; aEnd < a.length && Character.isDigit(a[aEnd]); aEnd++) {
                aNumber = aNumber * 10 + (a[aEnd] - '0');
            }
            int bEnd = i;
            for (; bEnd < b.length && Character.isDigit(b[bEnd]); bEnd++) {
                bNumber = bNumber * 10 + (b[bEnd] - '0');
            }
            if (aNumber != bNumber) {
                return aNumber < bNumber;
            }
            if (aEnd != bEnd) {
                return aEnd < bEnd;
            }
            return a[i] < b[i];
        }
        return a.length < b.length;
    }
}
