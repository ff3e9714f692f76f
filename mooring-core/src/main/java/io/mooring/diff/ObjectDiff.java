package io.mooring.diff;

import io.mooring.resource.ResourceKey;

/**
 * The comparison of one object.
 *
 * @param key     the object
 * @param state   in sync, out of sync, or missing from the cluster
 * @param unified a unified diff (live to desired) of the compared fields for people; Secret values
 *                masked; empty when in sync
 */
public record ObjectDiff(ResourceKey key, DiffState state, String unified) {
}
