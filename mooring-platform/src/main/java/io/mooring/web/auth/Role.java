package io.mooring.web.auth;

import java.util.Locale;

/** What a person may do: viewers see, operators also sync, roll back and refresh, admins also manage users, tokens and settings. */
public enum Role {
    VIEWER, OPERATOR, ADMIN;

    /** Whether this role may do what {@code required} may. */
    public boolean includes(Role required) {
        return ordinal() >= required.ordinal();
    }

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return text();
    }

    /** A role by its name, case-insensitive; a clear error otherwise. */
    public static Role parse(String text) {
        for (Role role : values()) {
            if (role.text().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + text + "': viewer, operator or admin");
    }
}
