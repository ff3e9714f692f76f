package io.mooring.web.auth;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static io.mooring.web.auth.Permissions.Decision.ALLOW;
import static io.mooring.web.auth.Permissions.Decision.FORBIDDEN;
import static io.mooring.web.auth.Permissions.Decision.PASSWORD_CHANGE_REQUIRED;
import static io.mooring.web.auth.Permissions.Decision.SIGN_IN_REQUIRED;
import static org.assertj.core.api.Assertions.assertThat;

/** The role matrix, cell by cell: every action against nobody, each role, and an account that must change its password. */
class PermissionsTest {
    /** The least role each action needs (null: none); written out here so that a change of the enum is a visible change of this table. */
    private static final Map<Action, Optional<Role>> EXPECTED = Map.ofEntries(
            Map.entry(Action.PUBLIC, Optional.<Role>empty()), Map.entry(Action.SIGN_IN, Optional.<Role>empty()), Map.entry(Action.WEBHOOK, Optional.<Role>empty()),
            Map.entry(Action.VIEW_SESSION, Optional.of(Role.VIEWER)), Map.entry(Action.CHANGE_OWN_PASSWORD, Optional.of(Role.VIEWER)),
            Map.entry(Action.VIEW_APPLICATIONS, Optional.of(Role.VIEWER)), Map.entry(Action.VIEW_ENVIRONMENTS, Optional.of(Role.VIEWER)),
            Map.entry(Action.VIEW_EVENTS, Optional.of(Role.VIEWER)), Map.entry(Action.SYNC, Optional.of(Role.OPERATOR)), Map.entry(Action.ROLLBACK, Optional.of(Role.OPERATOR)),
            Map.entry(Action.REFRESH, Optional.of(Role.OPERATOR)), Map.entry(Action.VIEW_AUDIT, Optional.of(Role.ADMIN)), Map.entry(Action.MANAGE_USERS, Optional.of(Role.ADMIN)),
            Map.entry(Action.MANAGE_TOKENS, Optional.of(Role.ADMIN)), Map.entry(Action.MANAGE_SETTINGS, Optional.of(Role.ADMIN)));

    @Test
    void theTableCoversEveryAction() {
        assertThat(EXPECTED.keySet()).as("every Action has an expected row").containsExactlyInAnyOrder(Action.values());
    }

    @Test
    void everyRoleAgainstEveryAction() {
        for (Action action : Action.values()) {
            Role least = EXPECTED.get(action).orElse(null);
            assertThat(Permissions.decide(null, action)).as("nobody signed in, " + action).isEqualTo(least == null ? ALLOW : SIGN_IN_REQUIRED);
            for (Role role : Role.values()) {
                Principal principal = new Principal("p", Principal.Kind.TOKEN, role, false);
                boolean allowed = least == null || role.ordinal() >= least.ordinal();
                assertThat(Permissions.decide(principal, action)).as(role + " on " + action).isEqualTo(allowed ? ALLOW : FORBIDDEN);
            }
        }
    }

    @Test
    void anAccountWithAGeneratedPasswordMayOnlyChangeIt() {
        Principal admin = new Principal("admin", Principal.Kind.LOCAL, Role.ADMIN, true);
        assertThat(Permissions.decide(admin, Action.CHANGE_OWN_PASSWORD)).isEqualTo(ALLOW);
        assertThat(Permissions.decide(admin, Action.VIEW_SESSION)).isEqualTo(ALLOW);
        assertThat(Permissions.decide(admin, Action.VIEW_APPLICATIONS)).isEqualTo(PASSWORD_CHANGE_REQUIRED);
        assertThat(Permissions.decide(admin, Action.MANAGE_USERS)).isEqualTo(PASSWORD_CHANGE_REQUIRED);
        assertThat(Permissions.decide(admin, Action.PUBLIC)).isEqualTo(ALLOW);
    }

    @Test
    void rolesParseCaseInsensitivelyAndNameTheChoicesWhenUnknown() {
        assertThat(Role.parse("Operator")).isEqualTo(Role.OPERATOR);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Role.parse("root")).hasMessageContaining("viewer, operator or admin");
    }
}
