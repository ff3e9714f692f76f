package io.mooring.controller;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.mooring.cluster.Informers;
import io.mooring.git.GitCredentials;
import io.mooring.git.GitRepositories;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * Repository credentials from Secrets labelled {@code mooring.io/secret-type: repository} in the
 * controller's namespace (Argo CD's convention, with Mooring's label): {@code url} (a prefix: the
 * longest one matching a repository wins), {@code username} and {@code password} for https,
 * {@code sshPrivateKey}, {@code knownHosts} and {@code insecureIgnoreHostKey} for ssh. Kept in
 * memory, current with the Secrets; never logged.
 */
public final class RepositoryCredentials implements AutoCloseable {
    public static final String LABEL = "mooring.io/secret-type";
    public static final String REPOSITORY = "repository";
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryCredentials.class);

    private final SharedIndexInformer<Secret> informer;

    public RepositoryCredentials(KubernetesClient client, String namespace, GitRepositories git) {
        informer = client.secrets().inNamespace(namespace).withLabel(LABEL, REPOSITORY).runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Secret secret) {
                add(git, secret);
            }

            @Override
            public void onUpdate(Secret old, Secret secret) {
                String before = field(old, "url");
                if (before != null && !before.equals(field(secret, "url"))) {
                    git.forgetCredentials(before);
                }
                add(git, secret);
            }

            @Override
            public void onDelete(Secret secret, boolean finalStateUnknown) {
                String url = field(secret, "url");
                if (url != null) {
                    git.forgetCredentials(url);
                }
            }
        });
        Informers.startAndWait(informer, "repository Secrets", Duration.ofMinutes(2));
    }

    /** Reads the repository Secrets once (a CLI command), where a controller keeps watching them. */
    public static void loadOnce(KubernetesClient client, String namespace, GitRepositories git) {
        client.secrets().inNamespace(namespace).withLabel(LABEL, REPOSITORY).list().getItems().forEach(secret -> add(git, secret));
    }

    private static void add(GitRepositories git, Secret secret) {
        String url = field(secret, "url");
        if (url == null || url.isBlank()) {
            LOG.warn("repository Secret {}/{} has no url: ignored", secret.getMetadata().getNamespace(), secret.getMetadata().getName());
            return;
        }
        git.credentials(url, new GitCredentials(field(secret, "username"), field(secret, "password"), field(secret, "sshPrivateKey"),
                field(secret, "knownHosts"), "true".equalsIgnoreCase(field(secret, "insecureIgnoreHostKey"))));
        LOG.info("credentials for {} from Secret {}", url, secret.getMetadata().getName());
    }

    /** A field of the Secret: {@code stringData} as written, else {@code data} decoded. */
    static String field(Secret secret, String key) {
        Map<String, String> plain = secret.getStringData();
        if (plain != null && plain.containsKey(key)) {
            return plain.get(key);
        }
        Map<String, String> data = secret.getData();
        if (data == null || data.get(key) == null) {
            return null;
        }
        return new String(Base64.getDecoder().decode(data.get(key)), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        informer.close();
    }
}
