package io.mooring.render.kustomize.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A generated ConfigMap or Secret, with the two facts kustomize keeps beside it (in internal
 * annotations) until the end of the build.
 *
 * @param object    the object, named as given (no prefix, suffix or hash yet)
 * @param behavior  what to do when an object with its id already exists
 * @param needsHash whether its name gets the content hash suffix at the end of the build
 */
public record Generated(ObjectNode object, Behavior behavior, boolean needsHash) {
}
