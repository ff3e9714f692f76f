package io.mooring.git;

import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * SSH for JGit with a key held in memory: the private key is parsed from the Secret's text and
 * never written to disk; the user's ~/.ssh (config, keys, known hosts) is not read, so that what
 * the controller can reach depends on its configuration only. Host keys are checked against the
 * known_hosts lines given with the credentials.
 */
final class SshTransports {
    private SshTransports() {
    }

    static boolean isSsh(String url) {
        return url.startsWith("ssh://") || url.matches("^[\\w.-]+@[\\w.-]+:.*");
    }

    /** A callback that makes an SSH transport use {@code credentials}; {@code home} holds JGit's (empty) ssh directory. */
    static TransportConfigCallback with(GitCredentials credentials, Path home) {
        List<KeyPair> keys = keys(credentials);
        Path knownHosts = home.resolve(".ssh").resolve("known_hosts-" + Integer.toHexString(credentials.knownHosts() == null ? 0
                : credentials.knownHosts().hashCode()));
        try {
            Files.createDirectories(knownHosts.getParent());
            // Host keys are public: written so that JGit's own known_hosts checking can read them.
            Files.writeString(knownHosts, credentials.knownHosts() == null ? "" : credentials.knownHosts());
        } catch (IOException e) {
            throw new GitException("cannot prepare SSH settings in " + home + ": " + e.getMessage(), null, e);
        }
        SshdSessionFactoryBuilder builder = new SshdSessionFactoryBuilder()
                .setHomeDirectory(home.toFile())
                .setSshDirectory(home.resolve(".ssh").toFile())
                .setConfigFile(dir -> null)
                .setDefaultIdentities(dir -> List.of())
                .setDefaultKeysProvider(dir -> keys)
                .setDefaultKnownHostsFiles(dir -> List.of(knownHosts))
                .setPreferredAuthentications("publickey");
        if (credentials.insecureIgnoreHostKey()) {
            builder.setServerKeyDatabase((h, s) -> new AnyHostKey());
        }
        SshdSessionFactory factory = builder.build(null);
        return transport -> {
            if (transport instanceof SshTransport ssh) {
                ssh.setSshSessionFactory(factory);
            }
        };
    }

    private static List<KeyPair> keys(GitCredentials credentials) {
        if (!credentials.hasSshKey()) {
            return List.of();
        }
        try {
            List<KeyPair> keys = new ArrayList<>();
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("repository key"),
                    new ByteArrayInputStream(credentials.sshPrivateKey().getBytes(StandardCharsets.UTF_8)), null);
            if (loaded != null) {
                loaded.forEach(keys::add);
            }
            if (keys.isEmpty()) {
                throw new GitException("the SSH private key holds no key", "give an OpenSSH or PEM private key without a passphrase", null);
            }
            return keys;
        } catch (IOException | GeneralSecurityException e) {
            // The key's text is never part of the message.
            throw new GitException("the SSH private key cannot be read: " + e.getClass().getSimpleName(),
                    "give an OpenSSH or PEM private key without a passphrase", e);
        }
    }

    /** Accepts every host key: only when the credentials ask for it. */
    private static final class AnyHostKey implements ServerKeyDatabase {
        @Override
        public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
            return List.of();
        }

        @Override
        public boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey, Configuration config,
                              CredentialsProvider provider) {
            return true;
        }
    }
}
