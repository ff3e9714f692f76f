package io.mooring.testing;

import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.UploadPack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;

/**
 * A Git server over SSH for tests: Apache MINA sshd (the library JGit's own SSH client is built
 * on) serving {@code git-upload-pack} with JGit's UploadPack, accepting one public key. Real SSH
 * and the real Git protocol; only the server program is not OpenSSH's.
 */
public final class GitSshServer implements AutoCloseable {
    private final SshServer server;

    public GitSshServer(Path repositories, PublicKey allowed) throws IOException {
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider());
        server.setPublickeyAuthenticator((user, key, session) -> key.equals(allowed));
        server.setPasswordAuthenticator(null);
        server.setCommandFactory((channel, command) -> new UploadPackCommand(repositories, command));
        server.start();
    }

    public int port() {
        return server.getPort();
    }

    /** A known_hosts line for this server's host key. */
    public String knownHostsLine() throws Exception {
        KeyPair hostKey = server.getKeyPairProvider().loadKeys(null).iterator().next();
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    /** A private key as PKCS#8 PEM text, as a user would paste it into a Secret. */
    public static String pem(KeyPair key) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    /** {@code git-upload-pack '/name.git'}: serves a fetch from the repository of that name. */
    private static final class UploadPackCommand implements Command, Runnable {
        private final Path repositories;
        private final String command;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        UploadPackCommand(Path repositories, String command) {
            this.repositories = repositories;
            this.command = command;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback exit) {
            this.exit = exit;
        }

        @Override
        public void start(ChannelSession channel, Environment environment) {
            Thread.ofVirtual().start(this);
        }

        @Override
        public void run() {
            List<String> words = List.of(command.split(" ", 2));
            if (!words.getFirst().equals("git-upload-pack") || words.size() < 2) {
                exit.onExit(1, "only git-upload-pack is served");
                return;
            }
            String name = words.get(1).replace("'", "").replaceFirst("^/", "");
            try (Repository repository = new FileRepositoryBuilder().setGitDir(repositories.resolve(name).toFile()).setMustExist(true).build()) {
                new UploadPack(repository).upload(in, out, err);
                out.flush();
                exit.onExit(0);
            } catch (IOException e) {
                exit.onExit(1, e.getMessage());
            }
        }

        @Override
        public void destroy(ChannelSession channel) {
        }
    }
}
