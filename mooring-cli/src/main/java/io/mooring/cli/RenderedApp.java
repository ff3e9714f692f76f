package io.mooring.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.resource.Manifest;

import java.util.List;

/**
 * One app environment as rendered, and the namespace its namespaced objects go to when the
 * render leaves theirs open.
 *
 * @param namespace null when the repo declares none for it (the cluster's default applies)
 */
record RenderedApp(PlatformApps.Target target, List<Manifest> manifests, String namespace) {
    /**
     * Stands in for Mooring's Application kind until it exists: an app environment's namespace is
     * the Namespace of the repo labelled with the app's name ({@value PlatformApps#APP_LABEL}) and
     * the environment ({@value PlatformApps#ENVIRONMENT_LABEL}).
     */
    static String namespaceOf(PlatformApps.Target target, List<Manifest> everything) {
        if (target.environment() == null) {
            return null;
        }
        for (Manifest manifest : everything) {
            JsonNode object = manifest.object();
            JsonNode labels = object.path("metadata").path("labels");
            if (object.path("apiVersion").asText().equals("v1") && object.path("kind").asText().equals("Namespace")
                    && labels.path(PlatformApps.APP_LABEL).asText().equals(target.app())
                    && labels.path(PlatformApps.ENVIRONMENT_LABEL).asText().equals(target.environment())) {
                return object.path("metadata").path("name").asText();
            }
        }
        return null;
    }
}
