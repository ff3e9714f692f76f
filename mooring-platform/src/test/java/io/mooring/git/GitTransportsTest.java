package io.mooring.git;

import io.mooring.testing.GitHttpServer;
import io.mooring.testing.GitSshServer;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Fetching over the network: smart HTTP with a token (git's own http-backend) and SSH with a key. */
class GitTransportsTest {
    @TempDir
    Path temp;
    Path served;
    String head;

    @BeforeEach
    void setUp() throws Exception {
        served = temp.resolve("served");
        Path work = temp.resolve("work");
        try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            Files.writeString(work.resolve("a.yaml"), "a: 1\n");
            git.add().addFilepattern(".").call();
            head = git.commit().setMessage("first").setAuthor("Ada", "ada@example.org").setCommitter("Ada", "ada@example.org").call().getName();
        }
        Git.cloneRepository().setURI(work.toUri().toString()).setDirectory(served.resolve("platform.git").toFile()).setBare(true).call().close();
    }

    @Test
    void httpsWithATokenAndAClearErrorWithout() throws Exception {
        Assumptions.assumeTrue(GitHttpServer.available(), "skipped: git http-backend is not installed (Debian package git)");
        try (GitHttpServer server = new GitHttpServer(served, "ci", "s3cret-token")) {
            String url = server.url("platform.git");
            GitRepositories anonymous = new GitRepositories(temp.resolve("cache-anonymous"));
            assertThatThrownBy(() -> anonymous.resolve(url, "main"))
                    .isInstanceOf(GitException.class)
                    .hasMessageContaining("not authorized to fetch " + url)
                    .satisfies(e -> assertThat(((GitException) e).hint()).contains("credentials"));

            GitRepositories wrong = new GitRepositories(temp.resolve("cache-wrong"));
            wrong.credentials(url, new GitCredentials("ci", "wrong", null, null, false));
            assertThatThrownBy(() -> wrong.resolve(url, "main")).isInstanceOf(GitException.class).hasMessageNotContaining("wrong");

            GitRepositories repositories = new GitRepositories(temp.resolve("cache"));
            repositories.credentials("http://127.0.0.1", new GitCredentials("ci", "s3cret-token", null, null, false));
            assertThat(repositories.resolve(url, "main").sha()).isEqualTo(head);
            assertThat(repositories.checkout(url, head).resolve("a.yaml")).hasContent("a: 1");
        }
    }

    @Test
    void sshWithAKeyAndAKnownHostKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair user = generator.generateKeyPair();
        try (GitSshServer server = new GitSshServer(served, user.getPublic())) {
            String url = "ssh://git@127.0.0.1:" + server.port() + "/platform.git";

            GitRepositories unknownHost = new GitRepositories(temp.resolve("cache-unknown-host"));
            unknownHost.credentials(url, GitCredentials.ssh(GitSshServer.pem(user), null));
            assertThatThrownBy(() -> unknownHost.resolve(url, "main")).as("an unknown host key is refused").isInstanceOf(GitException.class);

            GitRepositories repositories = new GitRepositories(temp.resolve("cache"));
            repositories.credentials("ssh://git@127.0.0.1", GitCredentials.ssh(GitSshServer.pem(user), server.knownHostsLine()));
            assertThat(repositories.resolve(url, "main").sha()).isEqualTo(head);

            KeyPair stranger = generator.generateKeyPair();
            GitRepositories refused = new GitRepositories(temp.resolve("cache-refused"));
            refused.credentials(url, GitCredentials.ssh(GitSshServer.pem(stranger), server.knownHostsLine()));
            assertThatThrownBy(() -> refused.resolve(url, "main")).isInstanceOf(GitException.class)
                    .hasMessageNotContaining("PRIVATE KEY");
            try (var files = Files.walk(temp.resolve("cache"))) {
                assertThat(files.filter(Files::isRegularFile).map(f -> {
                    try {
                        return Files.readString(f);
                    } catch (Exception e) {
                        return "";
                    }
                })).as("the private key is never written to disk").noneMatch(text -> text.contains("PRIVATE KEY"));
            }
        }
    }
}
