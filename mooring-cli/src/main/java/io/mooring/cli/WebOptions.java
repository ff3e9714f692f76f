package io.mooring.cli;

import io.mooring.web.WebSettings;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** The options of the control plane's HTTP server, for {@code mooring up} and {@code mooring controller}. */
final class WebOptions {
    static final String OIDC_SECRET_VARIABLE = "MOORING_OIDC_CLIENT_SECRET";

    @Option(names = "--address", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The address the portal and API listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every interface).")
    String address;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "Their port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "The URL people and Git hosts reach the server at, behind a proxy or ingress (default: http://ADDRESS:PORT).")
    URI publicUrl;

    @Option(names = "--system-namespace", paramLabel = "NS", defaultValue = WebSettings.SYSTEM_NAMESPACE,
            description = "Where users, API tokens, keys, settings and the audit log are kept (default: ${DEFAULT-VALUE}).")
    String systemNamespace;

    @Option(names = "--oidc-issuer", paramLabel = "URL", description = "Sign in with this OpenID Connect provider (its issuer URL).")
    URI oidcIssuer;

    @Option(names = "--oidc-client-id", paramLabel = "ID", defaultValue = "mooring", description = "Mooring's client id at the provider (default: ${DEFAULT-VALUE}).")
    String oidcClientId;

    @Option(names = "--oidc-client-secret-file", paramLabel = "FILE",
            description = "A file holding the client's secret (default: $" + OIDC_SECRET_VARIABLE + "; none: a public client with PKCE).")
    Path oidcClientSecretFile;

    @Option(names = "--oidc-groups-claim", paramLabel = "CLAIM", defaultValue = "groups",
            description = "The ID token claim listing the user's groups (default: ${DEFAULT-VALUE}).")
    String oidcGroupsClaim;

    WebSettings settings(String appNamespace) {
        WebSettings settings = WebSettings.defaults().withAddress(address, port).withPublicUrl(publicUrl).withSystemNamespace(systemNamespace)
                .withAppNamespace(appNamespace);
        if (oidcIssuer != null) {
            settings = settings.withOidc(new WebSettings.OidcSettings(oidcIssuer, oidcClientId, clientSecret(), oidcGroupsClaim));
        }
        return settings;
    }

    private String clientSecret() {
        if (oidcClientSecretFile != null) {
            try {
                return Files.readString(oidcClientSecretFile).trim();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the OIDC client secret from " + oidcClientSecretFile, e);
            }
        }
        String variable = System.getenv(OIDC_SECRET_VARIABLE);
        return variable == null || variable.isBlank() ? null : variable.trim();
    }
}
