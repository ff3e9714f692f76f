package io.mooring.sandbox.api;

import io.mooring.resource.LabelSelector;

/**
 * What a list or watch asks for.
 *
 * @param labelSelector        {@code labelSelector}
 * @param fieldSelector        {@code fieldSelector}
 * @param resourceVersion      {@code resourceVersion}: for a watch, where to resume ("" or "0": now, with the current
 *                             objects first); for a list, with {@code resourceVersionMatch=Exact}, the revision to read at
 * @param resourceVersionMatch {@code resourceVersionMatch}: Exact, NotOlderThan or empty
 * @param limit                page size, 0 for all
 * @param continueToken        where the previous page ended
 * @param timeoutSeconds       how long a watch stays open, 0 for the server's default
 * @param allowBookmarks       whether a watch may send BOOKMARK events
 * @param sendInitialEvents    whether a watch starts with the current objects, then a bookmark that marks their end
 */
public record ListOptions(LabelSelector labelSelector, FieldSelector fieldSelector, String resourceVersion, String resourceVersionMatch,
                          long limit, String continueToken, long timeoutSeconds, boolean allowBookmarks, boolean sendInitialEvents) {
    public static final ListOptions ALL = new ListOptions(LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, "", "", 0, "", 0, false, false);

    public boolean hasSelectors() {
        return !labelSelector.requirements().isEmpty() || !fieldSelector.isEmpty();
    }

    /** The same options, for a watch of one object by name (as clients watch a single object). */
    public ListOptions forName(String name) {
        return new ListOptions(labelSelector, FieldSelector.parse("metadata.name=" + name.replace("\\", "\\\\").replace(",", "\\,")),
                resourceVersion, resourceVersionMatch, 0, "", timeoutSeconds, allowBookmarks, sendInitialEvents);
    }
}
