package io.mooring.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.web.OpenApiContract;
import io.mooring.web.Routes;
import io.mooring.web.WebFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document and the server agree: every API route is documented and every documented
 * operation is served, each with the action and role the server checks. (The bodies are held to
 * the document's schemas in the API tests.)
 */
@ExtendWith(WebFixture.Extension.class)
class OpenApiDocumentTest {
    @Test
    void everyApiRouteIsDocumentedWithItsRoleAndEveryDocumentedOperationIsServed(WebFixture fixture) {
        Set<String> served = new TreeSet<>();
        for (Routes.Route route : fixture.web.server().routes()) {
            if (!route.path().startsWith("/api/v1/")) {
                continue;
            }
            String operation = route.method().name() + " " + route.path();
            served.add(operation);
            JsonNode documented = OpenApiContract.operation(route.method().name(), route.path());
            assertThat(documented.path("x-mooring-action").asText()).as(operation + ": the documented action").isEqualTo(route.action().name());
            String role = route.action().minimum() == null ? "" : route.action().minimum().text();
            assertThat(documented.path("x-mooring-role").asText("")).as(operation + ": the documented role").isEqualTo(role);
        }
        assertThat(OpenApiContract.operations()).as("the document against the server's routes").isEqualTo(served);
    }

    @Test
    void everySchemaReferenceResolves() {
        String text = OpenApiContract.DOCUMENT.toString();
        java.util.regex.Matcher refs = java.util.regex.Pattern.compile("#/components/schemas/(\\w+)").matcher(text);
        while (refs.find()) {
            assertThat(OpenApiContract.DOCUMENT.path("components").path("schemas").has(refs.group(1))).as(refs.group(1) + " is defined").isTrue();
        }
        assertThat(OpenApiContract.DOCUMENT.path("openapi").asText()).isEqualTo("3.1.0");
    }
}
