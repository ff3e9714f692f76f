package io.mooring.admission;

import java.util.List;

/**
 * A webhook's answer to one review.
 *
 * @param allowed  whether the API server may go on
 * @param message  why not, for the person whose request was refused (empty when allowed)
 * @param warnings shown by kubectl as {@code Warning: ...} whether allowed or not (Audit violations)
 */
public record Decision(boolean allowed, String message, List<String> warnings) {
    public static final Decision ALLOW = new Decision(true, "", List.of());

    public Decision {
        warnings = List.copyOf(warnings);
    }
}
