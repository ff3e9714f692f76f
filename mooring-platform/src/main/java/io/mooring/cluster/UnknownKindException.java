package io.mooring.cluster;

/** An object of a kind the cluster does not serve (a CRD missing, or a typo in apiVersion). */
public final class UnknownKindException extends RuntimeException {
    public UnknownKindException(String apiVersion, String kind) {
        super("the cluster does not serve kind " + kind + " in " + apiVersion
                + ": install its CustomResourceDefinition (in the same application, it is applied first) or fix apiVersion");
    }
}
