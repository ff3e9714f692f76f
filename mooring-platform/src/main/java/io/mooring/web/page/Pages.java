package io.mooring.web.page;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import io.mooring.web.auth.AccessControl;

import java.util.HashMap;
import java.util.Map;

/**
 * Renders the server's pages from JTE templates (src/main/jte, compiled to classes at build time:
 * no template is parsed at run time). Every template gets {@code page} ({@link PageContext}) beside
 * its own parameters.
 */
public final class Pages {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** Renders {@code template} (e.g. {@code "login.jte"}) with {@code params} as the response. */
    public void render(Context ctx, String template, String title, Map<String, Object> params) {
        Map<String, Object> all = new HashMap<>(params);
        all.put("page", context(ctx, title));
        StringOutput output = new StringOutput();
        engine.render(template, all, output);
        ctx.html(output.toString());
    }

    public static PageContext context(Context ctx, String title) {
        return new PageContext(title, AccessControl.principal(ctx), AccessControl.csrfToken(ctx), ctx.path());
    }

    public void error(Context ctx, int status, String message, String hint) {
        render(ctx, "error.jte", "Error " + status, Map.of("status", status, "message", message, "hint", hint == null ? "" : hint));
    }
}
