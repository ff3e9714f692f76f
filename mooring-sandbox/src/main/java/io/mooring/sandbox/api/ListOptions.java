package io.mooring.sandbox.api;

import io.mooring.resource.LabelSelector;

/**
 * What a list or watch asks for.
 *
 * @param labelSelector    {@code labelSelector}
 * @param fieldSelector    {@code fieldSelector}
 * @param resourceVersion  {@code resourceVersion}: for a watch, where to resume; empty for "now, with the current objects"
 * @param limit            page size, 0 for all
 * @param continueToken    where the previous page ended
 * @param timeoutSeconds   how long a watch stays open, 0 for the server's default
 * @param allowBookmarks   whether a watch may send BOOKMARK events
 */
public record ListOptions(LabelSelector labelSelector, FieldSelector fieldSelector, String resourceVersion, long limit,
                          String continueToken, long timeoutSeconds, boolean allowBookmarks) {
    public static final ListOptions ALL = new ListOptions(LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, "", 0, "", 0, false);
}
