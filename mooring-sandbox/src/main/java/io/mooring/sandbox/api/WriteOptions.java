package io.mooring.sandbox.api;

import java.util.List;

/**
 * Options of a create, update, patch or delete.
 *
 * @param fieldManager who is writing ({@code fieldManager}, else the client's user agent)
 * @param dryRun       check and compute, but store nothing
 * @param force        server-side apply: take over fields other managers own
 * @param validation   what to do about unknown and repeated fields ({@code fieldValidation})
 */
public record WriteOptions(String fieldManager, boolean dryRun, boolean force, FieldValidation validation) {
    /** Options of a write from inside the sandbox, which reports nothing about unknown fields. */
    public WriteOptions(String fieldManager, boolean dryRun, boolean force) {
        this(fieldManager, dryRun, force, FieldValidation.IGNORE);
    }

    /** The same options, knowing which fields the request body repeated. */
    WriteOptions withDuplicates(List<FieldValidation.Duplicate> duplicates) {
        return duplicates.isEmpty() ? this : new WriteOptions(fieldManager, dryRun, force, validation.withDuplicates(duplicates));
    }

    public static WriteOptions by(String fieldManager) {
        return new WriteOptions(fieldManager, false, false);
    }
}
