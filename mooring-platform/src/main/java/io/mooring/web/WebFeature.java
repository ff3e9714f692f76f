package io.mooring.web;

/**
 * One feature of the control plane's HTTP server (the application API, sign-in, webhooks,
 * a portal page...): it registers its routes, each with the {@link io.mooring.web.auth.Action} it
 * performs, which decides who may call it. Authentication, CSRF checks, the audit log and metrics
 * apply to every route without the feature doing anything.
 */
@FunctionalInterface
public interface WebFeature {
    void register(Routes routes);
}
