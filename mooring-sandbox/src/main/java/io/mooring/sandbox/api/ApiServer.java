package io.mooring.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.mooring.resource.LabelSelector;
import io.mooring.resource.ManifestException;
import io.mooring.resource.YamlReader;
import io.mooring.sandbox.store.ApiException;
import io.mooring.sandbox.store.Subscription;
import io.mooring.sandbox.store.WatchEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kubernetes REST API over HTTP, on a local port: discovery, CRUD, the four patch formats,
 * watches streamed as chunked JSON lines, and server-side printing for kubectl. Requests become
 * calls on {@link ResourceApi}; its {@link ApiException}s become {@code Status} responses.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DEFAULT_WATCH_SECONDS = 1800;

    private final ResourceApi api;
    private final Discovery discovery;
    private final OpenApiV3 openApi;
    private final Tables tables;
    private final Javalin server;
    private volatile boolean closing;

    private ApiServer(ResourceApi api, Clock clock, String host, int port) {
        this.api = api;
        this.discovery = new Discovery(api.catalog());
        this.openApi = new OpenApiV3(api.catalog());
        this.tables = new Tables(clock);
        this.server = Javalin.create(config -> {
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.router.ignoreTrailingSlashes = true;
            config.routes.get("/version", ctx -> json(ctx, 200, version()));
            for (String health : List.of("/healthz", "/livez", "/readyz")) {
                config.routes.get(health, ctx -> ctx.contentType("text/plain").result("ok"));
            }
            config.routes.get("/api", ctx -> json(ctx, 200, discovery.coreVersions()));
            config.routes.get("/openapi/v3", ctx -> json(ctx, 200, openApi.root()));
            config.routes.get("/openapi/v3/<path>", this::openApiDocument);
            config.routes.get("/apis", ctx -> json(ctx, 200, discovery.groups()));
            for (HandlerType method : List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE)) {
                config.routes.addHttpHandler(method, "/api/<path>", this::handle);
                config.routes.addHttpHandler(method, "/apis/<path>", this::handle);
            }
            config.routes.exception(ApiException.class, (e, ctx) -> json(ctx, e.code(), e.status()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.warn("request {} {} failed", ctx.method(), ctx.path(), e);
                json(ctx, 500, new ApiException(500, "InternalError", "internal error: " + e, null, null, null).status());
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
        String contentType = ctx.contentType() == null ? "" : ctx.contentType();
        if (contentType.startsWith("application/vnd.kubernetes.protobuf")) {
            throw new ApiException(415, "UnsupportedMediaType", "the sandbox reads JSON and YAML request bodies, not protobuf "
                    + "(kubectl create <kind> and kubectl run send protobuf; use kubectl apply -f or kubectl create -f instead)",
                    null, null, null);
        }
        WriteOptions options = writeOptions(ctx);
        switch (ctx.method().name()) {
            case "GET" -> get(ctx, target);
            case "POST" -> {
                requireCollection(target);
                JsonBody body = parse(ctx.body(), "object");
                WriteOptions sent = withDuplicates(options, body);
                respond(ctx, options.dryRun() ? 200 : 201, api.create(target.type(), target.namespace(), object(body), sent), sent);
            }
            case "PUT" -> {
                JsonBody body = parse(ctx.body(), "object");
                WriteOptions sent = withDuplicates(options, body);
                respond(ctx, 200, api.update(target.type(), target.namespace(), requireName(target), object(body), target.subresource(), sent),
                        sent);
            }
            case "PATCH" -> patch(ctx, target, options);
            case "DELETE" -> delete(ctx, target, options);
            default -> throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource",
                    null, null, null);
        }
    }

    private void openApiDocument(Context ctx) {
        String path = ctx.pathParam("path");
        String groupVersion = path.startsWith("api/") ? path.substring(4) : path.startsWith("apis/") ? path.substring(5) : "";
        ObjectNode doc = openApi.groupVersion(groupVersion);
        if (doc == null) {
            throw new ApiException(404, "NotFound", "the server could not find the requested resource", null, null, null);
        }
        json(ctx, 200, doc);
    }

    private boolean discoveryRequest(Context ctx, String path) {
        String[] parts = path.replaceAll("^/+|/+$", "").split("/");
        ObjectNode doc = null;
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
            throw new ApiException(404, "NotFound", "the server could not find the requested resource", null, null, null);
        }
        json(ctx, 200, doc);
        return true;
    }

    private void get(Context ctx, RequestTarget target) throws IOException, InterruptedException {
        ListOptions options = listOptions(ctx);
        if (Boolean.parseBoolean(ctx.queryParam("watch"))) {
            watch(ctx, target, options);
            return;
        }
        boolean table = ctx.header("Accept") != null && ctx.header("Accept").contains("as=Table");
        boolean includeObject = "Object".equals(ctx.queryParam("includeObject"));
        if (target.isCollection()) {
            ObjectNode list = api.list(target.type(), target.namespace(), options);
            if (table) {
                List<JsonNode> items = new ArrayList<>();
                list.path("items").forEach(items::add);
                ObjectNode result = tables.table(target.type(), items, list.path("metadata").path("resourceVersion").asText(), includeObject);
                if (list.path("metadata").has("continue")) {
                    ((ObjectNode) result.get("metadata")).set("continue", list.path("metadata").get("continue"));
                }
                json(ctx, 200, result);
            } else {
                json(ctx, 200, list);
            }
            return;
        }
        ObjectNode object = api.get(target.type(), target.namespace(), target.name());
        if (!target.subresource().isEmpty() && !target.subresource().equals("status")) {
            throw new ApiException(404, "NotFound", "the server could not find the requested resource (subresource "
                    + target.subresource() + " is not served by the sandbox)", null, null, null);
        }
        json(ctx, 200, table ? tables.table(target.type(), List.of(object),
                object.path("metadata").path("resourceVersion").asText(), includeObject) : object);
    }

    /** A watch as chunked JSON lines, until the client leaves, the timeout passes or the server stops. */
    private void watch(Context ctx, RequestTarget target, ListOptions options) throws IOException, InterruptedException {
        ListOptions scoped = target.isCollection() ? options
                : new ListOptions(options.labelSelector(), FieldSelector.parse("metadata.name=" + target.name()),
                options.resourceVersion(), 0, "", options.timeoutSeconds(), options.allowBookmarks());
        long seconds = options.timeoutSeconds() > 0 ? options.timeoutSeconds() : DEFAULT_WATCH_SECONDS;
        long deadline = System.currentTimeMillis() + seconds * 1000;
        try (Subscription subscription = api.watch(target.type(), target.namespace(), scoped)) {
            ctx.status(200);
            ctx.res().setContentType("application/json");
            OutputStream out = ctx.res().getOutputStream();
            ctx.res().flushBuffer();
            long lastBookmark = System.currentTimeMillis();
            while (!closing && System.currentTimeMillis() < deadline) {
                WatchEvent event;
                try {
                    event = subscription.poll(1000);
                } catch (ApiException gone) {
                    writeEvent(out, "ERROR", gone.status());
                    return;
                }
                if (event != null) {
                    writeEvent(out, event.type().name(), event.object());
                } else if (options.allowBookmarks() && System.currentTimeMillis() - lastBookmark > 10_000) {
                    writeEvent(out, "BOOKMARK", bookmark(target, api.store().revision()));
                    lastBookmark = System.currentTimeMillis();
                }
            }
        } catch (IOException clientLeft) {
            LOG.debug("watch client left: {}", clientLeft.toString());
        }
    }

    private static void writeEvent(OutputStream out, String type, ObjectNode object) throws IOException {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("type", type);
        event.set("object", object);
        out.write(JSON.writeValueAsBytes(event));
        out.write('\n');
        out.flush();
    }

    private static ObjectNode bookmark(RequestTarget target, long revision) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        object.put("kind", target.type().kind());
        object.put("apiVersion", target.type().apiVersion());
        object.putObject("metadata").put("resourceVersion", Long.toString(revision));
        return object;
    }

    private void patch(Context ctx, RequestTarget target, WriteOptions options) {
        String contentType = ctx.contentType() == null ? "" : ctx.contentType();
        JsonBody body = parse(ctx.body(), "patch");
        WriteOptions sent = withDuplicates(options, body);
        respond(ctx, 200, api.patch(target.type(), target.namespace(), requireName(target), contentType, body.tree(), target.subresource(),
                sent), sent);
    }

    private void delete(Context ctx, RequestTarget target, WriteOptions options) {
        JsonNode body = ctx.body().isBlank() ? JsonNodeFactory.instance.objectNode() : parse(ctx.body(), "delete options").tree();
        String propagation = firstNonEmpty(ctx.queryParam("propagationPolicy"), body.path("propagationPolicy").asText(""),
                body.path("orphanDependents").asBoolean(false) ? "Orphan" : "");
        String uid = body.path("preconditions").path("uid").asText("");
        if (!target.isCollection()) {
            json(ctx, 200, api.delete(target.type(), target.namespace(), target.name(), propagation, uid, options.dryRun()));
            return;
        }
        ObjectNode list = api.list(target.type(), target.namespace(), listOptions(ctx));
        ArrayNode deleted = JsonNodeFactory.instance.arrayNode();
        for (JsonNode item : list.path("items")) {
            deleted.add(api.delete(target.type(), item.path("metadata").path("namespace").asText(""),
                    item.path("metadata").path("name").asText(), propagation, "", options.dryRun()));
        }
        list.set("items", deleted);
        json(ctx, 200, list);
    }

    private static void requireCollection(RequestTarget target) {
        if (!target.isCollection()) {
            throw new ApiException(405, "MethodNotAllowed", "POST is only allowed on collections", null, null, null);
        }
    }

    private static String requireName(RequestTarget target) {
        if (target.isCollection()) {
            throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on a collection", null, null, null);
        }
        return target.name();
    }

    private static ObjectNode object(JsonBody body) {
        if (!(body.tree() instanceof ObjectNode object)) {
            throw ApiException.badRequest("the request body must be an object");
        }
        return object;
    }

    /** JSON (repeated keys noted for field validation), or YAML (server-side apply accepts both). */
    private static JsonBody parse(String body, String what) {
        try {
            if (JsonBody.isJson(body)) {
                return JsonBody.read(body);
            }
            return new JsonBody(new YamlReader().readOne("request body", body), List.of());
        } catch (ManifestException | IOException e) {
            throw ApiException.badRequest("the " + what + " in the request body is not valid: " + e.getMessage());
        }
    }

    private static WriteOptions writeOptions(Context ctx) {
        String manager = ctx.queryParam("fieldManager");
        if (manager == null || manager.isEmpty()) {
            String agent = ctx.header("User-Agent");
            manager = agent == null || agent.isEmpty() ? "unknown" : agent.split("/")[0];
        }
        String optionsKind = switch (ctx.method().name()) {
            case "POST" -> "CreateOptions";
            case "PUT" -> "UpdateOptions";
            case "PATCH" -> "PatchOptions";
            default -> null;
        };
        FieldValidation validation = optionsKind == null ? FieldValidation.IGNORE
                : FieldValidation.of(ctx.queryParam("fieldValidation"), optionsKind);
        return new WriteOptions(manager, "All".equals(ctx.queryParam("dryRun")), Boolean.parseBoolean(ctx.queryParam("force")), validation);
    }

    private static WriteOptions withDuplicates(WriteOptions options, JsonBody body) {
        return new WriteOptions(options.fieldManager(), options.dryRun(), options.force(),
                options.validation().withDuplicates(body.duplicates()));
    }

    /** The written object, with the warnings field validation collected as {@code Warning} headers. */
    private static void respond(Context ctx, int status, JsonNode body, WriteOptions options) {
        options.validation().warnings().forEach(w -> ctx.res().addHeader("Warning", "299 - " + GoText.quote(w)));
        json(ctx, status, body);
    }

    private static ListOptions listOptions(Context ctx) {
        try {
            return new ListOptions(LabelSelector.parse(ctx.queryParam("labelSelector")),
                    FieldSelector.parse(ctx.queryParam("fieldSelector")), orEmpty(ctx.queryParam("resourceVersion")),
                    number(ctx.queryParam("limit")), orEmpty(ctx.queryParam("continue")), number(ctx.queryParam("timeoutSeconds")),
                    Boolean.parseBoolean(ctx.queryParam("allowWatchBookmarks")));
        } catch (IllegalArgumentException e) {
            // LabelSelector words its errors as the API server does ("unable to parse requirement: ...").
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static long number(String value) {
        return value == null || value.isEmpty() ? 0 : Long.parseLong(value);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String firstNonEmpty(String... values) {
        for (String value : values) {
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return "";
    }

    private static void json(Context ctx, int status, JsonNode body) {
        ctx.status(status);
        ctx.contentType("application/json");
        try {
            ctx.result(JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
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
