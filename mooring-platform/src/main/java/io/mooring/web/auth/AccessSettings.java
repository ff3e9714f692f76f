package io.mooring.web.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.web.ApiException;
import io.mooring.web.store.ClusterState;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings admins change through the API, in the ConfigMap {@code mooring-settings}: which OIDC
 * groups give which role ({@code {"oidcGroupRoles": {"platform-team": "admin", "developers": "operator"}}}).
 */
public final class AccessSettings {
    public static final String CONFIG_MAP = "mooring-settings";
    private static final String KEY = "settings.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClusterState state;

    public AccessSettings(ClusterState state) {
        this.state = state;
    }

    public Map<String, Role> groupRoles() {
        return groupRoles(document());
    }

    public ObjectNode document() {
        String text = state.read(ClusterState.Kind.CONFIG_MAP, CONFIG_MAP).get(KEY);
        try {
            return text == null ? JSON.createObjectNode().set("oidcGroupRoles", JSON.createObjectNode()) : (ObjectNode) JSON.readTree(text);
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("ConfigMap " + CONFIG_MAP + " holds no valid " + KEY + ": " + e.getMessage(), e);
        }
    }

    /** Replaces the settings after checking them; a clear error names what is wrong. */
    public ObjectNode replace(JsonNode settings) {
        if (settings == null || !settings.isObject()) {
            throw ApiException.badRequest("the settings must be a JSON object", "send {\"oidcGroupRoles\": {\"GROUP\": \"viewer|operator|admin\"}}");
        }
        for (Iterator<String> names = settings.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("oidcGroupRoles")) {
                throw ApiException.badRequest("unknown setting '" + name + "'", "the settings are: oidcGroupRoles");
            }
        }
        groupRoles(settings);
        ObjectNode stored = JSON.createObjectNode();
        stored.set("oidcGroupRoles", settings.path("oidcGroupRoles").isObject() ? settings.get("oidcGroupRoles") : JSON.createObjectNode());
        state.update(ClusterState.Kind.CONFIG_MAP, CONFIG_MAP, data -> {
            data.put(KEY, stored.toString());
            return data;
        });
        return stored;
    }

    private static Map<String, Role> groupRoles(JsonNode settings) {
        Map<String, Role> roles = new LinkedHashMap<>();
        JsonNode mapping = settings.path("oidcGroupRoles");
        if (!mapping.isMissingNode() && !mapping.isObject()) {
            throw ApiException.badRequest("oidcGroupRoles must be an object of group names to roles", null);
        }
        mapping.fields().forEachRemaining(e -> {
            try {
                roles.put(e.getKey(), Role.parse(e.getValue().asText()));
            } catch (IllegalArgumentException ex) {
                throw ApiException.badRequest("group " + e.getKey() + ": " + ex.getMessage(), null);
            }
        });
        return roles;
    }
}
