package io.mooring.render.kustomize.generate;

/**
 * What a generated object does when an object with its id already exists (kustomize's
 * {@code GenerationBehavior}). Kustomize does not refuse an unknown word here: anything other than
 * create, replace or merge becomes {@link #UNSPECIFIED}, which acts like create, so a misspelt
 * {@code behavior: merg} only fails later, when the id exists ("behavior must be merge or replace").
 */
public enum Behavior {
    UNSPECIFIED("unspecified"),
    CREATE("create"),
    REPLACE("replace"),
    MERGE("merge");

    private final String text;

    Behavior(String text) {
        this.text = text;
    }

    /** Kustomize's reading of a {@code behavior} field: exact, case-sensitive words; the rest is unspecified. */
    public static Behavior of(String value) {
        return switch (value) {
            case "create" -> CREATE;
            case "replace" -> REPLACE;
            case "merge" -> MERGE;
            default -> UNSPECIFIED;
        };
    }

    /** The word kustomize prints and stores in its internal {@code generatorBehavior} annotation. */
    public String text() {
        return text;
    }
}
