package io.mooring.web.auth;

/** The role matrix: whether a principal (null: nobody signed in) may perform an action. Pure. */
public final class Permissions {
    public enum Decision { ALLOW, SIGN_IN_REQUIRED, PASSWORD_CHANGE_REQUIRED, FORBIDDEN }

    private Permissions() {
    }

    public static Decision decide(Principal principal, Action action) {
        if (action.minimum() == null) {
            return Decision.ALLOW;
        }
        if (principal == null) {
            return Decision.SIGN_IN_REQUIRED;
        }
        if (principal.mustChangePassword() && action != Action.VIEW_SESSION && action != Action.CHANGE_OWN_PASSWORD) {
            return Decision.PASSWORD_CHANGE_REQUIRED;
        }
        return principal.role().includes(action.minimum()) ? Decision.ALLOW : Decision.FORBIDDEN;
    }
}
