package io.mooring.web.auth;

import io.mooring.web.store.ClusterState;

import java.util.Base64;

/**
 * The server's own key, made at the first start and kept in the Secret {@code mooring-web}: what
 * session cookies and CSRF tokens are signed with (each with a key derived for that use), so that
 * they survive a restart and hold across replicas.
 */
public final class ServerKeys {
    public static final String SECRET = "mooring-web";
    private static final String KEY = "serverKey";

    private final byte[] master;

    private ServerKeys(byte[] master) {
        this.master = master;
    }

    public static ServerKeys load(ClusterState state) {
        String stored = state.read(ClusterState.Kind.SECRET, SECRET).get(KEY);
        if (stored == null) {
            stored = state.update(ClusterState.Kind.SECRET, SECRET, data -> {
                data.putIfAbsent(KEY, Base64.getEncoder().encodeToString(Secrets.randomBytes(32)));
                return data;
            }).get(KEY);
        }
        return new ServerKeys(Base64.getDecoder().decode(stored));
    }

    /** A key for one use, derived from the server key. */
    public byte[] derive(String use) {
        return Secrets.hmacSha256(master, "mooring " + use);
    }
}
