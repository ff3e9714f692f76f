package io.mooring.web.auth;

/**
 * Who makes a request.
 *
 * @param name               the user name, the OIDC subject's preferred name, or the API token's name
 * @param kind               how they proved it
 * @param role               what they may do
 * @param mustChangePassword a local account with a generated password: it may only change it
 */
public record Principal(String name, Kind kind, Role role, boolean mustChangePassword) {
    public enum Kind {
        LOCAL, OIDC, TOKEN;

        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** How the audit log names them: {@code local:admin}, {@code oidc:alice}, {@code token:ci}. */
    public String id() {
        return kind.text() + ":" + name;
    }
}
