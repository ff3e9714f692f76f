package io.mooring.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.mooring.app.ActionRefusedException;
import io.mooring.app.ApplicationNotFoundException;
import io.mooring.resource.ManifestException;
import io.mooring.sync.SourceException;
import io.mooring.web.auth.AccessControl;
import io.mooring.web.metrics.MicrometerMetrics;
import io.mooring.web.page.Pages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The control plane's HTTP server (Javalin on Jetty, virtual threads): the features' routes behind
 * one access layer, errors as JSON with a message a person can act on (or as a page), metrics for
 * every request.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

    private final Javalin server;
    private final List<Routes.Route> routes;
    private final URI url;

    private WebServer(Javalin server, List<Routes.Route> routes, URI url) {
        this.server = server;
        this.routes = routes;
        this.url = url;
    }

    /**
     * Starts the server.
     *
     * @throws WebServerException when the address cannot be bound (a port in use says so)
     */
    public static WebServer start(WebSettings settings, AccessControl access, MicrometerMetrics metrics, Pages pages, List<WebFeature> features) {
        List<Routes.Route> registered = new ArrayList<>();
        Javalin server = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.router.ignoreTrailingSlashes = true;
            config.http.maxRequestSize = Math.max(1024 * 1024, settings.webhookBodyLimit());
            metrics.install(config.routes);
            access.install(config.routes);
            Routes routes = new Routes(config.routes);
            features.forEach(f -> f.register(routes));
            registered.addAll(routes.registered());
            config.routes.exception(Redirect.class, (e, ctx) -> ctx.redirect(e.location()));
            config.routes.exception(ApiException.class, (e, ctx) -> error(ctx, pages, e.status(), e.getMessage(), e.hint()));
            config.routes.exception(ApplicationNotFoundException.class, (e, ctx) -> error(ctx, pages, 404, e.getMessage(), null));
            config.routes.exception(ActionRefusedException.class, (e, ctx) -> error(ctx, pages, 409, e.getMessage(), null));
            config.routes.exception(ManifestException.class, (e, ctx) -> error(ctx, pages, 422, e.getMessage(), null));
            config.routes.exception(SourceException.class, (e, ctx) -> error(ctx, pages, 422, e.getMessage(),
                    "fix the repository or the Application's source; what is applied stays applied"));
            config.routes.exception(JsonProcessingException.class, (e, ctx) -> error(ctx, pages, 400,
                    "the request body is not valid JSON: " + e.getOriginalMessage(), "send a JSON object as the OpenAPI document describes"));
            config.routes.exception(KubernetesClientException.class, (e, ctx) -> {
                LOG.warn("{} {}: the Kubernetes API failed: {}", ctx.method(), ctx.path(), e.getMessage());
                error(ctx, pages, 502, "the Kubernetes API server failed: " + (e.getStatus() != null && e.getStatus().getMessage() != null
                        ? e.getStatus().getMessage() : e.getMessage()), "check that the cluster is reachable and try again");
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                String id = UUID.randomUUID().toString().substring(0, 8);
                LOG.error("{} {} failed (error {})", ctx.method(), ctx.path(), id, e);
                error(ctx, pages, 500, "internal error " + id, "the server's log has the details under 'error " + id + "'");
            });
            config.routes.error(404, ctx -> {
                if (ctx.endpoints().lastHttpEndpoint() == null) { // no route matched (a handler's own 404 stays as it is)
                    error(ctx, pages, 404, "no such page or API path: " + ctx.path(), "the API is described at /api/v1/openapi.json");
                }
            });
        });
        try {
            server.start(settings.address(), settings.port());
        } catch (RuntimeException e) {
            server.stop();
            throw new WebServerException("cannot listen on " + settings.address() + ":" + settings.port() + ": " + rootMessage(e)
                    + " (choose another with --port, or --address)", e);
        }
        return new WebServer(server, List.copyOf(registered), settings.baseUrl(server.port()));
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    static void error(Context ctx, Pages pages, int status, String message, String hint) {
        ctx.status(status);
        if (AccessControl.isPage(ctx) && pages != null) {
            pages.error(ctx, status, message, hint);
            return;
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode error = body.putObject("error").put("status", status).put("message", message);
        if (hint != null) {
            error.put("hint", hint);
        }
        ctx.contentType("application/json").result(body.toString());
    }

    public int port() {
        return server.port();
    }

    /** Where people reach it. */
    public URI url() {
        return url;
    }

    /** Every route the features registered. */
    public List<Routes.Route> routes() {
        return routes;
    }

    @Override
    public void close() {
        server.stop();
    }

    /** The server could not start. */
    public static final class WebServerException extends RuntimeException {
        WebServerException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
