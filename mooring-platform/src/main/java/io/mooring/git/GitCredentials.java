package io.mooring.git;

/**
 * How to authenticate to a repository; held in memory only (read from a Kubernetes Secret), never
 * written to disk or printed.
 *
 * @param username              for https: the user (any non-empty name works with most token schemes)
 * @param password              for https: a password or personal access token
 * @param sshPrivateKey         for ssh: a private key in OpenSSH or PEM format (the text, not a path)
 * @param knownHosts            for ssh: known_hosts lines for the server; without them the host key is refused
 * @param insecureIgnoreHostKey for ssh: accept any host key (for tests; says so in the logs)
 */
public record GitCredentials(String username, String password, String sshPrivateKey, String knownHosts, boolean insecureIgnoreHostKey) {
    public static GitCredentials token(String token) {
        return new GitCredentials("mooring", token, null, null, false);
    }

    public static GitCredentials ssh(String privateKey, String knownHosts) {
        return new GitCredentials(null, null, privateKey, knownHosts, false);
    }

    public boolean hasPassword() {
        return password != null && !password.isEmpty();
    }

    public boolean hasSshKey() {
        return sshPrivateKey != null && !sshPrivateKey.isBlank();
    }

    /** Never the secret parts: records print their fields, and credentials end up in log lines by accident. */
    @Override
    public String toString() {
        return "GitCredentials[username=" + username + ", password=" + (hasPassword() ? "***" : "none")
                + ", sshPrivateKey=" + (hasSshKey() ? "***" : "none") + "]";
    }
}
