package io.mooring.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.mooring.web.auth.Action;

import java.util.ArrayList;
import java.util.List;

/**
 * Where features register their routes: each route names the {@link Action} it performs, which the
 * access layer checks before the handler runs (sign-in, role, CSRF on unsafe methods) and the audit
 * log records after. Remembers what was registered, so that tests can hold the routes against the
 * OpenAPI document and the role matrix.
 */
public final class Routes {
    /** A registered route. Paths use Javalin's syntax: {@code /api/v1/applications/{namespace}/{name}}. */
    public record Route(HandlerType method, String path, Action action) {
    }

    private final RoutesConfig routes;
    private final List<Route> registered = new ArrayList<>();

    Routes(RoutesConfig routes) {
        this.routes = routes;
    }

    public Routes get(String path, Action action, Handler handler) {
        return add(HandlerType.GET, path, action, handler);
    }

    public Routes post(String path, Action action, Handler handler) {
        return add(HandlerType.POST, path, action, handler);
    }

    public Routes put(String path, Action action, Handler handler) {
        return add(HandlerType.PUT, path, action, handler);
    }

    public Routes delete(String path, Action action, Handler handler) {
        return add(HandlerType.DELETE, path, action, handler);
    }

    private Routes add(HandlerType method, String path, Action action, Handler handler) {
        routes.addHttpHandler(method, path, handler, action);
        registered.add(new Route(method, path, action));
        return this;
    }

    public List<Route> registered() {
        return List.copyOf(registered);
    }
}
