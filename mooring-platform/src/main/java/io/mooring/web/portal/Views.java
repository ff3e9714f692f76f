package io.mooring.web.portal;

import io.javalin.http.Context;
import io.mooring.web.page.Pages;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * How portal pages answer: the whole page, or only its live part when htmx asks for it (after a
 * change event, see {@link LiveUpdates}). Page {@code x} is the template {@code portal/x.jte}, its
 * live part {@code portal/xPart.jte}; both get {@code now} and {@code self} (the page's own URL,
 * which the live part reloads from).
 */
final class Views {
    private Views() {
    }

    static void render(Pages pages, Context ctx, String name, String title, Map<String, Object> params) {
        Map<String, Object> all = new HashMap<>(params);
        all.put("now", Instant.now());
        all.put("self", ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString()));
        pages.render(ctx, "portal/" + name + (part(ctx) ? "Part" : "") + ".jte", title, all);
    }

    /** An htmx request for the live part of a page. */
    static boolean part(Context ctx) {
        return "true".equals(ctx.header("HX-Request"));
    }

    static String param(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null ? "" : value;
    }
}
