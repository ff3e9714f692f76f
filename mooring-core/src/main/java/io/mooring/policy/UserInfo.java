package io.mooring.policy;

import java.util.List;

/**
 * Who makes a request, as an AdmissionReview carries it plus the roles Kyverno resolves for the user.
 * {@link #NONE} for the CI and sync doors, where no person asks.
 */
public record UserInfo(String username, String uid, List<String> groups, List<String> roles, List<String> clusterRoles) {
    public static final UserInfo NONE = new UserInfo("", "", List.of(), List.of(), List.of());

    public UserInfo {
        username = username == null ? "" : username;
        uid = uid == null ? "" : uid;
        groups = List.copyOf(groups);
        roles = List.copyOf(roles);
        clusterRoles = List.copyOf(clusterRoles);
    }
}
