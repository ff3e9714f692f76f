package io.mooring.web.auth;

import io.javalin.security.RouteRole;

/**
 * What a route does, and so who may call it. Every route is registered with one; the access layer
 * decides from it alone ({@link Permissions}), on the server, for pages and API calls alike.
 */
public enum Action implements RouteRole {
    /** Anyone: health, metrics, the OpenAPI document, static assets. */
    PUBLIC(null),
    /** Anyone: the sign-in pages and calls (sign-in, sign-out, the OIDC callback). */
    SIGN_IN(null),
    /** Anyone who can sign the delivery with the provider's webhook secret. */
    WEBHOOK(null),
    VIEW_SESSION(Role.VIEWER),
    CHANGE_OWN_PASSWORD(Role.VIEWER),
    VIEW_APPLICATIONS(Role.VIEWER),
    VIEW_ENVIRONMENTS(Role.VIEWER),
    VIEW_EVENTS(Role.VIEWER),
    SYNC(Role.OPERATOR),
    ROLLBACK(Role.OPERATOR),
    REFRESH(Role.OPERATOR),
    VIEW_AUDIT(Role.ADMIN),
    MANAGE_USERS(Role.ADMIN),
    MANAGE_TOKENS(Role.ADMIN),
    MANAGE_SETTINGS(Role.ADMIN);

    private final Role minimum;

    Action(Role minimum) {
        this.minimum = minimum;
    }

    /** The least role that may do it; null when no sign-in is needed. */
    public Role minimum() {
        return minimum;
    }
}
