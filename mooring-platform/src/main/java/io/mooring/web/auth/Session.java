package io.mooring.web.auth;

import java.time.Instant;

/**
 * A sign-in, as the session cookie carries it (signed, so the server keeps no session store and a
 * restart or a second replica keeps everyone signed in).
 *
 * @param user    the user's name
 * @param kind    LOCAL or OIDC
 * @param role    for OIDC sign-ins, the role their groups gave at sign-in; local accounts' roles are read at each request
 * @param epoch   a local account's epoch at sign-in: a password change or reset raises it, which ends older sessions
 * @param expires when it ends
 */
public record Session(String user, Principal.Kind kind, Role role, long epoch, Instant expires) {
}
