package io.mooring.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.mooring.web.api.OpenApiRoute;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's OpenAPI document (docs/api/openapi.json, as the server serves it) as a contract the
 * tests hold every answer to: the operation must be documented, and its body must validate against
 * the documented schema of its status (JSON Schema 2020-12).
 */
public final class OpenApiContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final JsonNode DOCUMENT = load();

    private OpenApiContract() {
    }

    private static JsonNode load() {
        try (InputStream in = OpenApiRoute.class.getResourceAsStream(OpenApiRoute.RESOURCE)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every documented operation as {@code METHOD /path/{param}}. */
    public static Set<String> operations() {
        Set<String> operations = new TreeSet<>();
        for (Iterator<String> paths = DOCUMENT.path("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            DOCUMENT.path("paths").path(path).fieldNames().forEachRemaining(method -> operations.add(method.toUpperCase() + " " + path));
        }
        return operations;
    }

    public static JsonNode operation(String method, String path) {
        return DOCUMENT.path("paths").path(path).path(method.toLowerCase());
    }

    /** Fails unless {@code response} to {@code method path} is as the document says. */
    public static Http.Response check(String method, String path, Http.Response response) {
        JsonNode operation = operation(method, path);
        assertThat(operation.isObject()).as(method + " " + path + " is documented").isTrue();
        JsonNode documented = operation.path("responses").path(Integer.toString(response.status()));
        if (documented.isMissingNode()) {
            documented = operation.path("responses").path("default");
            assertThat(response.status()).as("an undocumented success status of " + method + " " + path + ": " + response).isGreaterThanOrEqualTo(400);
        }
        JsonNode schema = documented.path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            assertThat(response.body()).as("no body documented for " + response).isEmpty();
            return response;
        }
        ObjectNode root = JSON.createObjectNode();
        root.setAll((ObjectNode) schema);
        root.set("components", DOCUMENT.path("components"));
        Set<ValidationMessage> errors = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root).validate(response.json());
        assertThat(errors).as("the answer of " + method + " " + path + " against its documented schema: " + response).isEmpty();
        return response;
    }
}
