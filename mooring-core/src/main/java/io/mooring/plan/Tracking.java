package io.mooring.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.ResourceKey;

/**
 * How Mooring marks what it applies, and recognises what it owns. The label selects an
 * application's objects cheaply; the tracking id annotation names the object itself, so a copy of
 * an owned object (same labels, other name) is never taken for Mooring's and never pruned.
 */
public final class Tracking {
    public static final String APP_LABEL = "mooring.io/app";
    public static final String TRACKING_ANNOTATION = "mooring.io/tracking-id";
    public static final String ENVIRONMENT_ANNOTATION = "mooring.io/environment";
    public static final String SYNC_WAVE_ANNOTATION = "mooring.io/sync-wave";
    public static final String FIELD_MANAGER = "mooring";

    private Tracking() {
    }

    /** Adds the label and annotations to an object about to be applied. */
    public static void mark(ObjectNode object, String application, String environment) {
        ObjectNode metadata = object.with("metadata");
        metadata.with("labels").put(APP_LABEL, application);
        ObjectNode annotations = metadata.with("annotations");
        annotations.put(TRACKING_ANNOTATION, trackingId(application, ResourceKey.of(object)));
        if (!environment.isEmpty()) {
            annotations.put(ENVIRONMENT_ANNOTATION, environment);
        }
    }

    /** Whether {@code live} was applied by {@code application} as itself (not a copy). */
    public static boolean isOwnedBy(JsonNode live, String application) {
        JsonNode metadata = live.path("metadata");
        return application.equals(metadata.path("labels").path(APP_LABEL).asText(""))
                && trackingId(application, ResourceKey.of(live)).equals(metadata.path("annotations").path(TRACKING_ANNOTATION).asText(""));
    }

    /** {@code app:group/Kind:namespace/name}, independent of the API version. */
    public static String trackingId(String application, ResourceKey key) {
        return application + ":" + key.group() + "/" + key.kind() + ":" + key.namespace() + "/" + key.name();
    }

    /** The object's sync wave; 0 when unset or not a number. */
    public static int wave(JsonNode object) {
        String value = object.path("metadata").path("annotations").path(SYNC_WAVE_ANNOTATION).asText("0");
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
