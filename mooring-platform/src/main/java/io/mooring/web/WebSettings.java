package io.mooring.web;

import java.net.URI;
import java.time.Duration;

/**
 * How the control plane's HTTP server runs.
 *
 * @param address          the address to listen on ({@code 127.0.0.1}: this machine only)
 * @param port             the port; 0 picks a free one
 * @param publicUrl        the URL people and Git hosts reach it at (OIDC redirects, links); null:
 *                         {@code http://address:port}
 * @param systemNamespace  where users, tokens, keys, settings and the audit log are kept
 * @param appNamespace     where Applications live; empty for every namespace
 * @param oidc             the OIDC provider to sign in with; null for local accounts only
 * @param sessionLifetime  how long a sign-in lasts
 * @param webhookBodyLimit the largest webhook body accepted, in bytes
 * @param webhookQueue     how many webhook deliveries may wait; more are answered 503
 */
public record WebSettings(String address, int port, URI publicUrl, String systemNamespace, String appNamespace, OidcSettings oidc,
                          Duration sessionLifetime, int webhookBodyLimit, int webhookQueue) {
    public static final String SYSTEM_NAMESPACE = "mooring-system";

    /**
     * An OpenID Connect provider.
     *
     * @param issuer       its issuer URL (its discovery document is at {@code issuer/.well-known/openid-configuration})
     * @param clientId     Mooring's client id there
     * @param clientSecret the client's secret; null for a public client (PKCE alone)
     * @param groupsClaim  the ID token claim that lists the user's groups
     */
    public record OidcSettings(URI issuer, String clientId, String clientSecret, String groupsClaim) {
        @Override
        public String toString() {
            return "OidcSettings[issuer=" + issuer + ", clientId=" + clientId + ", groupsClaim=" + groupsClaim + "]"; // never the secret
        }
    }

    public static WebSettings defaults() {
        return new WebSettings("127.0.0.1", 8080, null, SYSTEM_NAMESPACE, "mooring", null, Duration.ofHours(8), 5 * 1024 * 1024, 256);
    }

    public WebSettings withAddress(String address, int port) {
        return new WebSettings(address, port, publicUrl, systemNamespace, appNamespace, oidc, sessionLifetime, webhookBodyLimit, webhookQueue);
    }

    public WebSettings withPublicUrl(URI publicUrl) {
        return new WebSettings(address, port, publicUrl, systemNamespace, appNamespace, oidc, sessionLifetime, webhookBodyLimit, webhookQueue);
    }

    public WebSettings withAppNamespace(String appNamespace) {
        return new WebSettings(address, port, publicUrl, systemNamespace, appNamespace, oidc, sessionLifetime, webhookBodyLimit, webhookQueue);
    }

    public WebSettings withSystemNamespace(String systemNamespace) {
        return new WebSettings(address, port, publicUrl, systemNamespace, appNamespace, oidc, sessionLifetime, webhookBodyLimit, webhookQueue);
    }

    public WebSettings withOidc(OidcSettings oidc) {
        return new WebSettings(address, port, publicUrl, systemNamespace, appNamespace, oidc, sessionLifetime, webhookBodyLimit, webhookQueue);
    }

    public WebSettings withWebhookLimits(int bodyLimit, int queue) {
        return new WebSettings(address, port, publicUrl, systemNamespace, appNamespace, oidc, sessionLifetime, bodyLimit, queue);
    }

    /** The URL the server is reached at, once it listens on {@code boundPort}. */
    public URI baseUrl(int boundPort) {
        if (publicUrl != null) {
            return publicUrl;
        }
        String host = address.equals("0.0.0.0") || address.equals("::") ? "127.0.0.1" : address;
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + boundPort);
    }
}
