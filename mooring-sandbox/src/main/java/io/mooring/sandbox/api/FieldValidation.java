package io.mooring.sandbox.api;

import io.mooring.sandbox.catalog.ResourceType;
import io.mooring.sandbox.store.ApiException;
import io.mooring.sandbox.store.ApiException.Cause;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A write's {@code fieldValidation}: what becomes of fields the kind does not declare and fields
 * the request body repeats. {@code Strict} refuses the request, {@code Warn} (the API server's
 * default) answers with {@code Warning} headers, {@code Ignore} says nothing; unknown fields are
 * dropped in every case, as decoding into the API types drops them.
 *
 * @param directive  Ignore, Warn or Strict
 * @param duplicates the fields the request body repeated (JSON bodies)
 * @param warnings   where Warn collects the warnings to send back
 */
public record FieldValidation(Directive directive, List<Duplicate> duplicates, List<String> warnings) {
    /** For writes that come from inside the sandbox: nothing to report to. */
    public static final FieldValidation IGNORE = new FieldValidation(Directive.Ignore, List.of(), List.of());

    public enum Directive { Ignore, Warn, Strict }

    /**
     * A repeated field of a JSON body.
     *
     * @param path the strict decoder's path ({@code spec.template.spec.containers[0].image})
     * @param key  the repeated key
     * @param line the line of the repetition
     */
    public record Duplicate(String path, String key, int line) {
    }

    /**
     * The validation a request asks for.
     *
     * @param parameter    the {@code fieldValidation} query parameter, null when absent (Warn)
     * @param optionsKind  CreateOptions, UpdateOptions or PatchOptions, for the error on a bad value
     */
    public static FieldValidation of(String parameter, String optionsKind) {
        if (parameter == null || parameter.isEmpty()) {
            return new FieldValidation(Directive.Warn, List.of(), new ArrayList<>());
        }
        for (Directive d : Directive.values()) {
            if (d.name().equals(parameter)) {
                return new FieldValidation(d, List.of(), new ArrayList<>());
            }
        }
        throw ApiException.invalidOptions(optionsKind, Cause.notSupported("fieldValidation", parameter, List.of("Ignore", "Strict", "Warn")));
    }

    /** The same validation, knowing which fields the body repeated. */
    public FieldValidation withDuplicates(List<Duplicate> found) {
        return new FieldValidation(directive, List.copyOf(found), warnings);
    }

    Set<String> duplicatePaths() {
        return duplicates.stream().map(Duplicate::path).collect(Collectors.toSet());
    }

    /**
     * Acts on the strict decoder's complaints: Strict throws what {@code strictError} makes of
     * them, Warn keeps them as warnings.
     */
    void report(List<String> problems, Function<List<String>, ApiException> strictError) {
        if (problems.isEmpty()) {
            return;
        }
        switch (directive) {
            case Strict -> throw strictError.apply(problems);
            case Warn -> warnings.addAll(problems);
            case Ignore -> {
            }
        }
    }

    /** Server-side apply checks only that no key repeats, after the apply, as go-yaml's strict mode words it. */
    void reportRepeatedApplyFields() {
        if (duplicates.isEmpty()) {
            return;
        }
        StringBuilder yaml = new StringBuilder("error converting YAML to JSON: yaml: unmarshal errors:");
        duplicates.forEach(d -> yaml.append("\n  line ").append(d.line()).append(": key ")
                .append(GoText.quote(d.key())).append(" already set in map"));
        report(List.of(yaml.toString()), problems -> ApiException.badRequest("error strict decoding YAML: " + problems.getFirst()));
    }

    /** The 400 a create or update gets when its body does not decode strictly. */
    static String cannotBeHandled(ResourceType type, List<String> problems) {
        return type.kind() + " in version \"" + type.version() + "\" cannot be handled as a " + type.kind() + ": "
                + strictDecodingError(problems);
    }

    /** The 422 a patch gets when its result does not decode strictly; {@code value} is the patch as the server prints it. */
    static ApiException invalidPatch(String value, List<String> problems) {
        String body = "Invalid value: " + GoText.quote(value) + ": " + strictDecodingError(problems);
        return new ApiException(422, "Invalid", " \"\" is invalid: patch: " + body, null, null, null)
                .withCauses(List.of(new ApiException.Cause("FieldValueInvalid", body, "patch")));
    }

    /** "strict decoding error: a, b", as the API server joins the decoder's complaints. */
    static String strictDecodingError(List<String> problems) {
        return "strict decoding error: " + String.join(", ", problems);
    }
}
