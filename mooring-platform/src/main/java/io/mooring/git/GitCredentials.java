package io.mooring.git;

import java.nio.file.Path;

/**
 * How to authenticate to a repository.
 *
 * @param username for https: the user (any non-empty name works with most token schemes)
 * @param token    for https: a personal access token or password
 * @param sshKey   for ssh: a private key file
 */
public record GitCredentials(String username, String token, Path sshKey) {
    public static final GitCredentials NONE = new GitCredentials("", "", null);

    public static GitCredentials token(String token) {
        return new GitCredentials("mooring", token, null);
    }

    public boolean hasToken() {
        return token != null && !token.isEmpty();
    }
}
