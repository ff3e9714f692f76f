package io.mooring.render.kustomize.generate;

import java.util.Optional;

/** The two kinds kustomize's builtin generators make, with the names they go by in a kustomization. */
public enum GeneratedKind {
    CONFIG_MAP("ConfigMap", "configMapGenerator", "ConfigMapGenerator", "ConfigMapArgs"),
    SECRET("Secret", "secretGenerator", "SecretGenerator", "SecretArgs");

    private final String kind;
    private final String kustomizationField;
    private final String builtinKind;
    private final String argsStruct;

    GeneratedKind(String kind, String kustomizationField, String builtinKind, String argsStruct) {
        this.kind = kind;
        this.kustomizationField = kustomizationField;
        this.builtinKind = builtinKind;
        this.argsStruct = argsStruct;
    }

    /** The {@code kind} of the generated object. */
    public String kind() {
        return kind;
    }

    /** The kustomization field that lists these generators ({@code configMapGenerator}). */
    public String kustomizationField() {
        return kustomizationField;
    }

    /** The Go struct kustomize decodes one generator entry into ({@code ConfigMapArgs}), which its errors name. */
    String argsStruct() {
        return argsStruct;
    }

    /** The {@code kind} of a builtin generator config file ({@code ConfigMapGenerator}). */
    public String builtinKind() {
        return builtinKind;
    }

    /** The generated kind for a builtin generator config's {@code kind}, if it is one of these two. */
    public static Optional<GeneratedKind> ofBuiltinKind(String builtinKind) {
        for (GeneratedKind value : values()) {
            if (value.builtinKind.equals(builtinKind)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
