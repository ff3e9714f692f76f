package io.mooring.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.resource.ManifestException;

/**
 * An Environment ({@code mooring.io/v1alpha1}): a stage that applications belong to (dev, staging,
 * prod), in promotion order.
 *
 * @param name        its name, which Applications' {@code spec.environment} refer to
 * @param description for people
 * @param order       where it stands in promotion (dev 1, staging 2, prod 3)
 * @param promotesTo  the next environment, empty for the last
 */
public record Environment(String name, String description, int order, String promotesTo) {
    public static final String KIND = "Environment";

    /**
     * @throws ManifestException naming the field when the object is not a valid Environment
     */
    public static Environment parse(String source, JsonNode object) {
        Fields f = new Fields(source, object);
        if (!Application.API_VERSION.equals(object.path("apiVersion").asText()) || !KIND.equals(object.path("kind").asText())) {
            throw f.error("", "expected apiVersion " + Application.API_VERSION + " and kind " + KIND);
        }
        return new Environment(f.required("metadata.name"), f.optional("spec.description", ""),
                f.integer("spec.order", 0), f.optional("spec.promotesTo", ""));
    }
}
