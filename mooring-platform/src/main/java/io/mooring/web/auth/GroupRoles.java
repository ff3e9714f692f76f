package io.mooring.web.auth;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** OIDC groups to a role: the highest role any of the user's groups maps to; none when no group maps. Pure. */
public final class GroupRoles {
    private GroupRoles() {
    }

    public static Optional<Role> roleFor(Collection<String> groups, Map<String, Role> mapping) {
        Role best = null;
        for (String group : groups) {
            Role role = mapping.get(group);
            if (role != null && (best == null || role.includes(best))) {
                best = role;
            }
        }
        return Optional.ofNullable(best);
    }
}
