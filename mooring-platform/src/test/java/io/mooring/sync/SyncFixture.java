package io.mooring.sync;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.cluster.ClusterClient;
import io.mooring.cluster.Kube;
import io.mooring.cluster.LiveState;
import io.mooring.cluster.ResourceTypes;
import io.mooring.cluster.Retrying;
import io.mooring.config.Application;
import io.mooring.git.GitRepositories;
import io.mooring.resource.YamlReader;
import io.mooring.sandbox.Sandbox;
import io.mooring.sandbox.SandboxOptions;
import io.mooring.testing.GitRepo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The sandbox cluster, a Git repository and Mooring's sync machinery wired together for a test. */
final class SyncFixture implements AutoCloseable {
    final Sandbox sandbox;
    final KubernetesClient client;
    final Kube.RequestCounter requests = new Kube.RequestCounter();
    final ClusterClient cluster;
    final LiveState live;
    final GitRepo repo;
    final SyncEngine engine;
    final Set<String> changed = ConcurrentHashMap.newKeySet();

    SyncFixture(Path temp) {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        client = Kube.connect(sandbox.kubeconfig(), null, requests);
        cluster = new ClusterClient(client, new ResourceTypes(client), new Retrying(4, Duration.ofMillis(20)));
        live = new LiveState(cluster, changed::add);
        live.watchAllKinds(Duration.ofSeconds(30));
        repo = new GitRepo(temp.resolve("platform"));
        engine = new SyncEngine(new Renderings(new GitRepositories(temp.resolve("cache"))), cluster, live);
    }

    /** An Application of the test repository, from YAML as a user writes it ({@code %s} is the repo URL). */
    Application application(String yaml) {
        return Application.parse("test", new YamlReader().readOne("app.yaml", yaml.formatted(repo.url())));
    }

    /** The sample platform repo of this checkout ({@code examples/platform}). */
    static Path examples() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir.resolve("examples/platform");
            }
        }
        throw new IllegalStateException("no checkout above " + Path.of("").toAbsolutePath());
    }

    /** Copies a directory of the sample platform repo into the test repository, at the same path (not committed). */
    void copyExample(String path) {
        Path examples = examples();
        try (Stream<Path> files = Files.walk(examples.resolve(path))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                repo.write(examples.relativize(file).toString(), Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        live.close();
        client.close();
        repo.close();
        sandbox.close();
    }
}
