package io.mooring.app;

/** An Application that does not exist where it was looked for. */
public final class ApplicationNotFoundException extends IllegalArgumentException {
    public ApplicationNotFoundException(String namespace, String name) {
        super("application \"" + name + "\" not found in namespace " + namespace + " (see 'mooring app list -A')");
    }
}
