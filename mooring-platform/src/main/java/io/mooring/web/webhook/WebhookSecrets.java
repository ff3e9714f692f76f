package io.mooring.web.webhook;

import io.mooring.web.auth.Secrets;
import io.mooring.web.store.ClusterState;

import java.util.List;
import java.util.Map;

/**
 * The secrets webhook deliveries are signed with, one per provider, in the Secret
 * {@code mooring-webhooks} (keys {@code github}, {@code gitlab}, {@code gitea}). Made at the first
 * start when missing; an admin may replace them with {@code kubectl}. A provider whose key is empty
 * is refused.
 */
public final class WebhookSecrets {
    public static final String SECRET = "mooring-webhooks";
    public static final List<String> PROVIDERS = List.of("github", "gitlab", "gitea");

    private final ClusterState state;

    public WebhookSecrets(ClusterState state) {
        this.state = state;
    }

    /** Creates the secrets that are missing. */
    public void ensure() {
        Map<String, String> current = state.read(ClusterState.Kind.SECRET, SECRET);
        if (PROVIDERS.stream().allMatch(current::containsKey)) {
            return;
        }
        state.update(ClusterState.Kind.SECRET, SECRET, data -> {
            PROVIDERS.forEach(p -> data.putIfAbsent(p, Secrets.randomToken(24)));
            return data;
        });
    }

    public String secret(String provider) {
        return state.read(ClusterState.Kind.SECRET, SECRET).getOrDefault(provider, "");
    }
}
