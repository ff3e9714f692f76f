package io.mooring.web.api;

import io.mooring.web.Routes;
import io.mooring.web.WebFeature;
import io.mooring.web.auth.Action;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code GET /api/v1/openapi.json}: the API's OpenAPI 3.1 document (docs/api/openapi.json in the repository). */
public final class OpenApiRoute implements WebFeature {
    public static final String RESOURCE = "/io/mooring/web/api/openapi.json";
    private final byte[] document;

    public OpenApiRoute() {
        try (InputStream in = OpenApiRoute.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document " + RESOURCE + " is missing from the class path");
            }
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void register(Routes routes) {
        routes.get("/api/v1/openapi.json", Action.PUBLIC, ctx -> ctx.contentType("application/json").result(document));
    }
}
