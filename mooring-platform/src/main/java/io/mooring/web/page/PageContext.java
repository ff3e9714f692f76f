package io.mooring.web.page;

import io.mooring.web.auth.Action;
import io.mooring.web.auth.Permissions;
import io.mooring.web.auth.Principal;

/**
 * What every page template receives as {@code page}: its title, who is signed in (null on the
 * sign-in page), the CSRF token every form must carry as {@code _csrf} (and htmx sends as a
 * header, see layout.jte), and the request's path.
 */
public record PageContext(String title, Principal principal, String csrfToken, String path) {
    public boolean signedIn() {
        return principal != null;
    }

    /** Whether the signed-in user may do {@code action}: pages show a button only to those (the server checks anyway). */
    public boolean may(Action action) {
        return Permissions.decide(principal, action) == Permissions.Decision.ALLOW;
    }
}
