package io.mooring.web.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.web.ApiException;
import io.mooring.web.store.ClusterState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Local accounts, in the Secret {@code mooring-users}: one key per user, holding the role, the
 * password's PBKDF2 hash (never the password), whether it must be changed, and an epoch that a
 * password change raises to end older sessions. The first start makes {@code admin} with a
 * generated password that must be changed at the first sign-in.
 */
public final class Users {
    public static final String SECRET = "mooring-users";
    public static final String ADMIN = "admin";
    public static final int MIN_PASSWORD_LENGTH = 12;
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A local account as stored. */
    public record User(String name, Role role, String passwordHash, boolean mustChangePassword, long epoch) {
    }

    private final ClusterState state;
    private final PasswordHashing hashing;
    /**
     * Compared against when the user does not exist, so that a wrong name takes as long as a wrong
     * password; made at the first sign-in, not at start (a hash costs a third of a second).
     */
    private volatile String decoy;

    public Users(ClusterState state, PasswordHashing hashing) {
        this.state = state;
        this.hashing = hashing;
    }

    private String decoy() {
        if (decoy == null) {
            decoy = hashing.hash(Secrets.randomToken(16));
        }
        return decoy;
    }

    /** Makes the first admin when there is no account at all; returns its generated password, shown once. */
    public Optional<String> ensureAdmin() {
        if (!all().isEmpty()) {
            return Optional.empty();
        }
        String password = Secrets.randomPassword(20);
        String[] created = {null};
        state.update(ClusterState.Kind.SECRET, SECRET, data -> {
            if (data.isEmpty()) {
                data.put(ADMIN, write(new User(ADMIN, Role.ADMIN, hashing.hash(password), true, 1)));
                created[0] = password;
            }
            return data;
        });
        return Optional.ofNullable(created[0]);
    }

    public List<User> all() {
        List<User> users = new ArrayList<>();
        state.read(ClusterState.Kind.SECRET, SECRET).values().forEach(v -> users.add(read(v)));
        return users;
    }

    public Optional<User> find(String name) {
        return Optional.ofNullable(state.read(ClusterState.Kind.SECRET, SECRET).get(name)).map(Users::read);
    }

    /** The user when the password is theirs. */
    public Optional<User> authenticate(String name, String password) {
        Optional<User> user = name == null ? Optional.empty() : find(name);
        boolean matches = hashing.verify(password == null ? "" : password, user.map(User::passwordHash).orElseGet(this::decoy));
        return matches ? user : Optional.empty();
    }

    /** Creates a user; with no password given, a generated one that must be changed. Returns the password. */
    public String create(String name, Role role, String password) {
        checkName(name);
        String actual = password == null || password.isEmpty() ? Secrets.randomPassword(20) : checkPassword(password);
        boolean generated = password == null || password.isEmpty();
        state.update(ClusterState.Kind.SECRET, SECRET, data -> {
            if (data.containsKey(name)) {
                throw new ApiException(409, "user " + name + " exists", "choose another name, or change its role with PUT /api/v1/users/" + name);
            }
            data.put(name, write(new User(name, role, hashing.hash(actual), generated, 1)));
            return data;
        });
        return actual;
    }

    public User setRole(String name, Role role) {
        return change(name, u -> new User(u.name(), role, u.passwordHash(), u.mustChangePassword(), u.epoch() + 1));
    }

    /** Sets a new generated password that must be changed at the next sign-in; ends the user's sessions. Returns it. */
    public String resetPassword(String name) {
        String password = Secrets.randomPassword(20);
        change(name, u -> new User(u.name(), u.role(), hashing.hash(password), true, u.epoch() + 1));
        return password;
    }

    /** A user's own change: the current password must match; ends their other sessions. */
    public User changePassword(String name, String current, String replacement) {
        if (authenticate(name, current).isEmpty()) {
            throw new ApiException(403, "the current password is wrong", "type the password you signed in with");
        }
        checkPassword(replacement);
        if (replacement.equals(current)) {
            throw ApiException.badRequest("the new password is the current one", "choose a different password");
        }
        return change(name, u -> new User(u.name(), u.role(), hashing.hash(replacement), false, u.epoch() + 1));
    }

    public void delete(String name) {
        state.update(ClusterState.Kind.SECRET, SECRET, data -> {
            if (data.remove(name) == null) {
                throw missing(name);
            }
            if (data.values().stream().map(Users::read).noneMatch(u -> u.role() == Role.ADMIN) && !data.isEmpty()) {
                throw new ApiException(409, "deleting " + name + " would leave no local admin", "make another user admin first");
            }
            return data;
        });
    }

    private User change(String name, java.util.function.UnaryOperator<User> change) {
        User[] changed = {null};
        state.update(ClusterState.Kind.SECRET, SECRET, data -> {
            String stored = data.get(name);
            if (stored == null) {
                throw missing(name);
            }
            changed[0] = change.apply(read(stored));
            data.put(name, write(changed[0]));
            return data;
        });
        return changed[0];
    }

    private static ApiException missing(String name) {
        return ApiException.notFound("no user " + name, "see GET /api/v1/users");
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiException.badRequest("invalid user name '" + name + "'",
                    "use lower-case letters, digits, '.', '_' or '-', starting and ending with a letter or digit, at most 63 characters");
        }
    }

    private static String checkPassword(String password) {
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw ApiException.badRequest("the password is too short", "use at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        return password;
    }

    private static String write(User user) {
        ObjectNode node = JSON.createObjectNode().put("name", user.name()).put("role", user.role().text())
                .put("passwordHash", user.passwordHash()).put("mustChangePassword", user.mustChangePassword()).put("epoch", user.epoch());
        return node.toString();
    }

    private static User read(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return new User(node.path("name").asText(), Role.parse(node.path("role").asText()), node.path("passwordHash").asText(),
                    node.path("mustChangePassword").asBoolean(), node.path("epoch").asLong());
        } catch (IOException e) {
            throw new UncheckedIOException("a user in Secret " + SECRET + " cannot be read", e);
        }
    }

    /** For the API: what may be shown of a user (no hash). */
    public static Map<String, Object> view(User user) {
        return Map.of("name", user.name(), "role", user.role().text(), "mustChangePassword", user.mustChangePassword());
    }
}
