package io.mooring.web.portal;

import io.javalin.http.Context;
import io.mooring.web.Routes;
import io.mooring.web.WebFeature;
import io.mooring.web.auth.Action;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The portal's hand-written files ({@code portal.css}, {@code portal.js}, its icon) and htmx from its
 * WebJar, served under {@code /assets/} for anyone (the sign-in page uses them). Their URLs carry a
 * version, so browsers may keep them for a day; a new Mooring serves them under a new URL.
 */
public final class Assets implements WebFeature {
    /** Part of the URLs, so that a new build's files are fetched anew. */
    public static final String VERSION = version();
    public static final String CSS = "/assets/" + VERSION + "/portal.css";
    public static final String JS = "/assets/" + VERSION + "/portal.js";
    public static final String HTMX = "/assets/" + VERSION + "/htmx.min.js";
    public static final String ICON = "/assets/" + VERSION + "/icon.svg";

    private static final String CSS_TYPE = "text/css; charset=utf-8";
    private static final String JS_TYPE = "text/javascript; charset=utf-8";
    private static final Map<String, String> TYPES = Map.of("portal.css", CSS_TYPE, "portal.js", JS_TYPE, "htmx.min.js", JS_TYPE,
            "icon.svg", "image/svg+xml");
    private final Map<String, byte[]> files = Map.of("portal.css", read("portal.css"), "portal.js", read("portal.js"), "icon.svg", read("icon.svg"),
            "htmx.min.js", read("/META-INF/resources/webjars/htmx.org/" + webJarVersion("htmx.org") + "/dist/htmx.min.js"));

    @Override
    public void register(Routes routes) {
        routes.get("/assets/{version}/{file}", Action.PUBLIC, this::serve);
    }

    private void serve(Context ctx) {
        byte[] body = files.get(ctx.pathParam("file"));
        if (body == null) {
            ctx.status(404).contentType("text/plain").result("no such asset");
            return;
        }
        ctx.header("Cache-Control", VERSION.equals(ctx.pathParam("version")) ? "public, max-age=86400, immutable" : "no-cache");
        ctx.contentType(TYPES.get(ctx.pathParam("file"))).result(body);
    }

    private static byte[] read(String name) {
        try (InputStream in = Assets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version of a WebJar of org.webjars.npm on the class path (its Maven metadata says it). */
    private static String webJarVersion(String artifact) {
        java.util.Properties properties = new java.util.Properties();
        try (InputStream in = Assets.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the WebJar " + artifact + " is missing from the classpath");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    private static String version() {
        String version = Assets.class.getPackage().getImplementationVersion();
        // Without a manifest (tests, an IDE), the start time: always fresh.
        return version != null ? version.replaceAll("[^A-Za-z0-9._-]", "") : Long.toString(System.currentTimeMillis() / 1000, 36);
    }
}
