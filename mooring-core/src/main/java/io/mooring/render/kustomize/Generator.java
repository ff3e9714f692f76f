package io.mooring.render.kustomize;

import java.util.List;

/** A build step that makes new resources (ConfigMaps and Secrets from literals and files). */
@FunctionalInterface
interface Generator {
    List<Resource> generate();
}
