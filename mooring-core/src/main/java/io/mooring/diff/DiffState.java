package io.mooring.diff;

/** How a desired object compares with the live one. */
public enum DiffState {
    /** Live equals desired, in every field Git sets. */
    IN_SYNC,
    /** Live differs in a field Git sets. */
    OUT_OF_SYNC,
    /** Git has it, the cluster does not. */
    MISSING
}
