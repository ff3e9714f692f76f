package io.mooring.web;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mooring.app.ApplicationActions;
import io.mooring.config.Application;
import io.mooring.web.admin.AdminApi;
import io.mooring.web.api.ApplicationsApi;
import io.mooring.web.api.ClusterViewsApi;
import io.mooring.web.api.OpenApiRoute;
import io.mooring.web.api.Operations;
import io.mooring.web.audit.AuditApi;
import io.mooring.web.audit.AuditLog;
import io.mooring.web.auth.AccessControl;
import io.mooring.web.auth.AccessSettings;
import io.mooring.web.auth.ApiTokens;
import io.mooring.web.auth.Cookies;
import io.mooring.web.auth.LoginRoutes;
import io.mooring.web.auth.OidcLogin;
import io.mooring.web.auth.PasswordHashing;
import io.mooring.web.auth.ServerKeys;
import io.mooring.web.auth.Users;
import io.mooring.web.health.HealthRoutes;
import io.mooring.web.metrics.MetricsRoutes;
import io.mooring.web.metrics.MicrometerMetrics;
import io.mooring.web.page.Pages;
import io.mooring.web.portal.Portal;
import io.mooring.web.store.ClusterState;
import io.mooring.web.webhook.RefreshQueue;
import io.mooring.web.webhook.WebhookRoutes;
import io.mooring.web.webhook.WebhookSecrets;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The control plane's web side, assembled: its state in the cluster (users, tokens, keys,
 * settings, audit log), the access layer, and every feature (health, metrics, sign-in, OIDC, the
 * REST API, webhooks, the portal's pages) on one {@link WebServer}. {@code mooring up} and
 * {@code mooring controller} start it beside the controller.
 */
public final class ControlPlaneWeb implements AutoCloseable {
    private final WebServer server;
    private final RefreshQueue refreshes;
    private final String adminPassword;
    private final ClusterState state;
    private final Users users;
    private final Portal portal;

    /**
     * What the server serves from.
     *
     * @param client  the cluster
     * @param actions the Application actions (with the controller's sync engine when it runs in this process)
     * @param inputs  the paths each Application's last render read (the controller's renders), for webhooks; empty when unknown
     * @param metrics the registry the controller reports to
     * @param checks  what /readyz waits for
     * @param pages   further features: the portal's pages
     */
    public record Services(KubernetesClient client, ApplicationActions actions, Function<Application, Optional<Set<String>>> inputs,
                           MicrometerMetrics metrics, List<HealthRoutes.Check> checks, List<WebFeature> pages) {
    }

    private ControlPlaneWeb(WebServer server, RefreshQueue refreshes, String adminPassword, ClusterState state, Users users, Portal portal) {
        this.server = server;
        this.portal = portal;
        this.refreshes = refreshes;
        this.adminPassword = adminPassword;
        this.state = state;
        this.users = users;
    }

    public static ControlPlaneWeb start(WebSettings settings, Services services) {
        Clock clock = Clock.systemUTC();
        ClusterState state = new ClusterState(services.client(), settings.systemNamespace());
        state.ensureNamespace();
        ServerKeys keys = ServerKeys.load(state);
        Users users = new Users(state, PasswordHashing.DEFAULT);
        String adminPassword = users.ensureAdmin().orElse(null);
        ApiTokens tokens = new ApiTokens(state);
        AuditLog audit = new AuditLog(state);
        AccessSettings accessSettings = new AccessSettings(state);
        WebhookSecrets webhookSecrets = new WebhookSecrets(state);
        webhookSecrets.ensure();
        AccessControl access = new AccessControl(users, tokens, keys, new Cookies(secureCookies(settings.baseUrl(settings.port()))), audit,
                settings.sessionLifetime(), clock);
        Pages pages = new Pages();
        var applications = services.actions().applications();
        RefreshQueue refreshes = new RefreshQueue(() -> applications.list(settings.appNamespace()), applications::requestRefresh,
                services.inputs(), settings.webhookQueue());
        Operations operations = new Operations(audit, clock);
        Portal portal = new Portal(services.client(), services.actions(), operations, audit, pages, settings.appNamespace());
        List<HealthRoutes.Check> checks = new ArrayList<>(services.checks());
        checks.add(new HealthRoutes.Check("state", () -> !users.all().isEmpty()));
        List<WebFeature> features = new ArrayList<>(List.of(
                new HealthRoutes(checks),
                new MetricsRoutes(services.metrics()),
                new OpenApiRoute(),
                new LoginRoutes(users, access, pages, settings.oidc() != null),
                new ApplicationsApi(services.actions(), services.client(), operations, settings.appNamespace()),
                new ClusterViewsApi(services.client(), services.actions().applications(), settings.appNamespace()),
                new AdminApi(users, tokens, accessSettings, clock),
                new AuditApi(audit),
                new WebhookRoutes(webhookSecrets, refreshes, services.metrics(), settings.webhookBodyLimit())));
        features.addAll(portal.features());
        if (settings.oidc() != null) {
            features.add(new OidcLogin(settings.oidc(), settings.publicUrl(), accessSettings, access, clock));
        }
        features.addAll(services.pages());
        try {
            return new ControlPlaneWeb(WebServer.start(settings, access, services.metrics(), pages, features), refreshes, adminPassword, state,
                    users, portal);
        } catch (RuntimeException e) {
            refreshes.close();
            portal.close();
            throw e;
        }
    }

    /**
     * Secure cookies unless the server is reached over plain HTTP on a host other than this machine
     * (browsers accept Secure cookies from http://localhost and 127.0.0.1).
     */
    static boolean secureCookies(URI base) {
        if ("https".equals(base.getScheme())) {
            return true;
        }
        String host = base.getHost() == null ? "" : base.getHost();
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    public WebServer server() {
        return server;
    }

    /** The first admin's generated password when this start made the account (shown once); empty otherwise. */
    public Optional<String> adminPassword() {
        return Optional.ofNullable(adminPassword);
    }

    /** Gives the local admin a new generated password that must be changed at the next sign-in; returns it. */
    public String resetAdminPassword() {
        if (users.find(Users.ADMIN).isEmpty()) {
            return users.create(Users.ADMIN, io.mooring.web.auth.Role.ADMIN, null);
        }
        return users.resetPassword(Users.ADMIN);
    }

    /** Where the server keeps its state. */
    public String systemNamespace() {
        return state.namespace();
    }

    @Override
    public void close() {
        server.close();
        refreshes.close();
        portal.close();
    }
}
