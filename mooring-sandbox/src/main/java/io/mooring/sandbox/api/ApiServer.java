package io.mooring.sandbox.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.websocket.WsConnectContext;
import io.mooring.resource.ManifestException;
import io.mooring.resource.YamlReader;
import io.mooring.sandbox.store.ApiException;
import io.mooring.sandbox.store.Subscription;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.websocket.api.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The Kubernetes REST API over HTTP, on a local port: discovery, CRUD, the four patch formats,
 * subresources, watches (as chunked JSON lines, or WebSocket messages: fabric8 watches over
 * WebSocket first), and server-side printing for kubectl. Requests become calls on
 * {@link ResourceApi}; its {@link ApiException}s become {@code Status} responses.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Watches stream for up to an hour; the connection must not be closed for being quiet before that. */
    private static final long IDLE_TIMEOUT_MILLIS = 3_600_000;
    private static final List<String> READABLE_SUBRESOURCES = List.of("status", "ephemeralcontainers", "resize", "finalize");

    private final ResourceApi api;
    private final Discovery discovery;
    private final AggregatedDiscovery aggregated;
    private final OpenApiV3 openApi;
    private final Tables tables;
    private final SubresourceActions actions;
    private final Javalin server;
    private volatile boolean closing;

    private ApiServer(ResourceApi api, Clock clock, String host, int port) {
        this.api = api;
        this.discovery = new Discovery(api.catalog());
        this.aggregated = new AggregatedDiscovery(api.catalog(), discovery);
        this.openApi = new OpenApiV3(api.catalog());
        this.tables = new Tables(clock, api);
        this.actions = new SubresourceActions(api, clock);
        this.server = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.router.ignoreTrailingSlashes = true;
            config.jetty.modifyHttpConfiguration(http -> http.setIdleTimeout(IDLE_TIMEOUT_MILLIS));
            config.jetty.modifyServer(jetty -> jetty.addEventListener(new LifeCycle.Listener() {
                @Override
                public void lifeCycleStarted(LifeCycle event) {
                    for (var connector : jetty.getConnectors()) {
                        if (connector instanceof AbstractConnector network) {
                            network.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
                        }
                    }
                }
            }));
            config.jetty.modifyWebSocketServletFactory(factory -> factory.setIdleTimeout(Duration.ofMillis(IDLE_TIMEOUT_MILLIS)));
            config.routes.get("/version", ctx -> json(ctx, 200, version()));
            for (String health : List.of("/healthz", "/livez", "/readyz")) {
                config.routes.get(health, ctx -> ctx.contentType("text/plain").result("ok"));
            }
            config.routes.get("/api", ctx -> discoveryRoot(ctx, true));
            config.routes.get("/openapi/v3", ctx -> json(ctx, 200, openApi.root()));
            config.routes.get("/openapi/v3/<path>", this::openApiDocument);
            config.routes.get("/apis", ctx -> discoveryRoot(ctx, false));
            for (HandlerType method : List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE)) {
                config.routes.addHttpHandler(method, "/api/<path>", this::handle);
                config.routes.addHttpHandler(method, "/apis/<path>", this::handle);
            }
            for (String prefix : List.of("/api/", "/apis/")) {
                config.routes.wsBeforeUpgrade(prefix + "<path>", this::checkWebSocketWatch);
                config.routes.ws(prefix + "<path>", ws -> ws.onConnect(ctx -> Thread.ofVirtual().name("watch-ws-" + ctx.sessionId())
                        .start(() -> webSocketWatch(ctx, prefix + ctx.pathParam("path")))));
            }
            config.routes.exception(ApiException.class, (e, ctx) -> json(ctx, e.code(), e.status()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.warn("request {} {} failed", ctx.method(), ctx.path(), e);
                json(ctx, 500, new ApiException(500, "InternalError", "Internal error occurred: " + e, null, null, null).status());
            });
        }).start(host, port);
    }

    /** Serves {@code api} on {@code port} of the loopback interface (0 picks a free port). */
    public static ApiServer start(ResourceApi api, Clock clock, int port) {
        return new ApiServer(api, clock, "127.0.0.1", port);
    }

    public int port() {
        return server.port();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        closing = true;
        server.stop();
    }

    private void handle(Context ctx) throws IOException, InterruptedException {
        String path = ctx.path();
        if (ctx.method() == HandlerType.GET && discoveryRequest(ctx, path)) {
            return;
        }
        RequestTarget target = RequestTarget.parse(api.catalog(), path);
        switch (ctx.method().name()) {
            case "GET" -> get(ctx, target);
            case "POST" -> post(ctx, target);
            case "PUT" -> put(ctx, target);
            case "PATCH" -> patch(ctx, target);
            case "DELETE" -> delete(ctx, target);
            default -> throw ApiException.methodNotAllowed();
        }
    }

    private void openApiDocument(Context ctx) {
        String path = ctx.pathParam("path");
        String groupVersion = path.startsWith("api/") ? path.substring(4) : path.startsWith("apis/") ? path.substring(5) : "";
        ObjectNode doc = openApi.groupVersion(groupVersion);
        if (doc == null) {
            throw ApiException.noSuchResource();
        }
        json(ctx, 200, doc);
    }

    /** {@code /api} or {@code /apis}: aggregated discovery when the client asks for it (kubectl does), else the legacy document. */
    private void discoveryRoot(Context ctx, boolean core) {
        String version = AggregatedDiscovery.negotiate(ctx.header("Accept"));
        if (version == null) {
            json(ctx, 200, core ? discovery.coreVersions() : discovery.groups());
            return;
        }
        json(ctx, 200, aggregated.document(core, version));
        ctx.contentType(version.equals("v2") ? AggregatedDiscovery.MEDIA_TYPE_V2 : AggregatedDiscovery.MEDIA_TYPE_V2BETA1);
    }

    private boolean discoveryRequest(Context ctx, String path) {
        String[] parts = path.replaceAll("^/+|/+$", "").split("/");
        ObjectNode doc;
        if (parts.length == 2 && parts[0].equals("api")) {
            doc = discovery.resources("", parts[1]);
        } else if (parts.length == 2 && parts[0].equals("apis")) {
            doc = discovery.group(parts[1]);
        } else if (parts.length == 3 && parts[0].equals("apis")) {
            doc = discovery.resources(parts[1], parts[2]);
        } else {
            return false;
        }
        if (doc == null) {
            throw ApiException.noSuchResource();
        }
        json(ctx, 200, doc);
        return true;
    }

    private void get(Context ctx, RequestTarget target) throws IOException, InterruptedException {
        Rendering rendering = Rendering.of(ctx.header("Accept"), ctx.queryParam("includeObject"), tables);
        boolean watch = target.watchPath() || target.isCollection() && isTrue(ctx.queryParam("watch"));
        requireVerb(target, watch ? "watch" : target.isCollection() ? "list" : "get");
        ListOptions options = RequestOptions.list(ctx::queryParam, watch);
        if (watch) {
            httpWatch(ctx, new WatchSession(api, rendering, target, options));
        } else if (target.isCollection()) {
            json(ctx, 200, rendering.list(target.type(), api.listShared(target.type(), target.namespace(), options)));
        } else if (target.subresource().equals("scale")) {
            json(ctx, 200, api.scale(target.type(), target.namespace(), target.name()));
        } else if (target.subresource().isEmpty() || READABLE_SUBRESOURCES.contains(target.subresource())) {
            json(ctx, 200, rendering.single(target.type(), api.getShared(target.type(), target.namespace(), target.name())));
        } else {
            api.getShared(target.type(), target.namespace(), target.name());
            throw SubresourceActions.unreadable(target);
        }
    }

    /** A watch as chunked JSON lines, until the client leaves, the timeout passes or the server stops. */
    private void httpWatch(Context ctx, WatchSession session) throws IOException, InterruptedException {
        Subscription subscription = session.subscribe();
        ctx.status(200);
        ctx.res().setContentType("application/json");
        OutputStream out = ctx.res().getOutputStream();
        ctx.res().flushBuffer();
        try {
            session.run(subscription, event -> {
                out.write(event);
                out.write('\n');
                out.flush();
            }, () -> !closing);
        } catch (IOException clientLeft) {
            LOG.debug("watch client left: {}", clientLeft.toString());
        }
    }

    /** Before a WebSocket upgrade: only watches are served, and a bad request is answered over HTTP, as kube-apiserver does. */
    private void checkWebSocketWatch(Context ctx) {
        RequestTarget target = RequestTarget.parse(api.catalog(), ctx.path());
        if (!target.subresource().isEmpty()) {
            throw SubresourceActions.unreadable(target);
        }
        if (!target.watchPath() && !(target.isCollection() && isTrue(ctx.queryParam("watch")))) {
            throw ApiException.badRequest("the Mooring sandbox serves only watches over WebSocket");
        }
        requireVerb(target, "watch");
        api.checkWatch(target.type(), RequestOptions.list(ctx::queryParam, true));
    }

    private void webSocketWatch(WsConnectContext ctx, String path) {
        try {
            RequestTarget target = RequestTarget.parse(api.catalog(), path);
            Function<String, String> query = ctx::queryParam;
            Rendering rendering = Rendering.of(ctx.header("Accept"), ctx.queryParam("includeObject"), tables);
            WatchSession session = new WatchSession(api, rendering, target, RequestOptions.list(query, true));
            session.run(session.subscribe(), event -> send(ctx, event), () -> !closing && ctx.session.isOpen());
            if (ctx.session.isOpen()) {
                ctx.closeSession(1000, "watch ended");
            }
        } catch (IOException clientLeft) {
            LOG.debug("WebSocket watch client left: {}", clientLeft.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("WebSocket watch failed", e);
            if (ctx.session.isOpen()) {
                ctx.closeSession(1011, "watch failed");
            }
        }
    }

    /** Sends one event as a text message, waiting for it to leave so that a slow client slows the watch, not the heap. */
    private static void send(WsConnectContext ctx, byte[] event) throws IOException, InterruptedException {
        Callback.Completable sent = new Callback.Completable();
        ctx.session.sendText(new String(event, StandardCharsets.UTF_8), sent);
        try {
            sent.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the WebSocket client does not take events", e);
        }
    }

    private void post(Context ctx, RequestTarget target) {
        WriteOptions query = RequestOptions.write(ctx::queryParam, ctx.userAgent(), "CreateOptions", false);
        if (!target.subresource().isEmpty()) {
            JsonBody body = body(ctx, "object");
            WriteOptions options = query.withDuplicates(body.duplicates());
            respond(ctx, 201, actions.post(target, object(body), options), options);
            return;
        }
        if (!target.isCollection() || target.type().namespaced() && target.namespace().isEmpty()) {
            // kube-apiserver serves only list and watch on a namespaced kind's all-namespaces path.
            throw ApiException.methodNotAllowed();
        }
        requireVerb(target, "create");
        JsonBody body = body(ctx, "object");
        WriteOptions options = query.withDuplicates(body.duplicates());
        if (Reviews.handles(target.type())) {
            respond(ctx, 201, Reviews.answer(target.type(), object(body)), options);
        } else if (target.type().group().isEmpty() && target.type().kind().equals("Binding")) {
            respond(ctx, 201, actions.bindings(target, object(body), options), options);
        } else {
            respond(ctx, 201, api.createShared(target.type(), target.namespace(), object(body), options), options);
        }
    }

    private void put(Context ctx, RequestTarget target) {
        requireName(target);
        if (target.subresource().isEmpty()) {
            requireVerb(target, "update");
        }
        WriteOptions query = RequestOptions.write(ctx::queryParam, ctx.userAgent(), "UpdateOptions", false);
        JsonBody body = body(ctx, "object");
        WriteOptions options = query.withDuplicates(body.duplicates());
        respond(ctx, 200, api.updateShared(target.type(), target.namespace(), target.name(), object(body), target.subresource(), options),
                options);
    }

    private void patch(Context ctx, RequestTarget target) {
        requireName(target);
        if (target.subresource().isEmpty()) {
            requireVerb(target, "patch");
        }
        String contentType = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        boolean apply = contentType.startsWith("application/apply-patch");
        WriteOptions query = RequestOptions.write(ctx::queryParam, ctx.userAgent(), "PatchOptions", apply);
        JsonBody body = body(ctx, "patch");
        WriteOptions options = query.withDuplicates(body.duplicates());
        ResourceApi.Written written = api.patchShared(target.type(), target.namespace(), target.name(), contentType, body.tree(),
                target.subresource(), options);
        respond(ctx, written.created() ? 201 : 200, written.object(), options);
    }

    private void delete(Context ctx, RequestTarget target) {
        JsonNode body = ctx.bodyAsBytes().length == 0 ? JsonNodeFactory.instance.objectNode() : body(ctx, "delete options").tree();
        DeleteOptions options = RequestOptions.delete(ctx::queryParam, body);
        if (!target.isCollection()) {
            requireVerb(target, "delete");
            json(ctx, 200, api.deleteShared(target.type(), target.namespace(), target.name(), options));
            return;
        }
        requireVerb(target, "deletecollection");
        ObjectNode list = api.listShared(target.type(), target.namespace(), RequestOptions.list(ctx::queryParam, false));
        ArrayNode deleted = JsonNodeFactory.instance.arrayNode();
        for (JsonNode item : list.path("items")) {
            try {
                deleted.add(api.deleteShared(target.type(), item.path("metadata").path("namespace").asText(""),
                        item.path("metadata").path("name").asText(), options));
            } catch (ApiException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
        ObjectNode result = list.deepCopy();
        result.set("items", deleted);
        json(ctx, 200, result);
    }

    private static void requireVerb(RequestTarget target, String verb) {
        if (target.subresource().isEmpty() && !target.type().verbs().contains(verb)) {
            throw ApiException.methodNotAllowed();
        }
    }

    private static void requireName(RequestTarget target) {
        if (target.isCollection()) {
            throw ApiException.methodNotAllowed();
        }
    }

    private static ObjectNode object(JsonBody body) {
        if (!(body.tree() instanceof ObjectNode object)) {
            throw ApiException.badRequest("the request body must be an object");
        }
        return object;
    }

    /**
     * JSON (repeated keys noted for field validation), YAML when the content type says so and the
     * body is not JSON (server-side apply sends YAML), or protobuf (kubectl's typed commands).
     */
    private static JsonBody body(Context ctx, String what) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) {
            throw ApiException.badRequest("the request body is empty: a " + what + " is required");
        }
        String contentType = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (ProtobufBodies.isProtobuf(contentType)) {
            return new JsonBody(ProtobufBodies.decode(bytes), List.of());
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        try {
            if (contentType.contains("yaml") && !JsonBody.isJson(text)) {
                return new JsonBody(new YamlReader().readOne("request body", text), List.of());
            }
            return JsonBody.read(text);
        } catch (ManifestException e) {
            throw ApiException.badRequest("error decoding YAML: the " + what + " in the request body is not valid: " + e.getMessage());
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the " + what + " in the request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("the " + what + " in the request body is not valid: " + e.getMessage());
        }
    }

    /** A write's answer, with the warnings field validation collected as {@code Warning} headers. */
    private static void respond(Context ctx, int status, JsonNode body, WriteOptions options) {
        options.validation().warnings().forEach(w -> ctx.res().addHeader("Warning", "299 - " + GoText.quote(w)));
        json(ctx, status, body);
    }

    private static boolean isTrue(String value) {
        return "true".equals(value) || "1".equals(value);
    }

    private static void json(Context ctx, int status, JsonNode body) {
        ctx.status(status);
        ctx.contentType("application/json");
        try {
            ctx.result(JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode version() {
        ObjectNode version = JsonNodeFactory.instance.objectNode();
        version.put("major", "1");
        version.put("minor", "34");
        version.put("gitVersion", "v1.34.1-mooring-sandbox");
        version.put("platform", "linux/amd64");
        return version;
    }
}
