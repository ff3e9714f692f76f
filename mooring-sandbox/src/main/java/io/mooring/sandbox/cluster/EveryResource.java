package io.mooring.sandbox.cluster;

import io.mooring.sandbox.api.ResourceApi;
import io.mooring.sandbox.catalog.ApiCatalog;

import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The watch set of a controller that follows every resource the API serves, custom ones
 * registered later included (the garbage collector): membership is answered for any type key,
 * as every event the store publishes belongs to a served resource.
 */
public final class EveryResource extends AbstractSet<String> {
    private final ApiCatalog catalog;

    public EveryResource(ApiCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public boolean contains(Object typeKey) {
        return typeKey instanceof String;
    }

    @Override
    public Iterator<String> iterator() {
        Set<String> keys = new LinkedHashSet<>();
        catalog.all().forEach(type -> keys.add(ResourceApi.typeKey(type)));
        return keys.iterator();
    }

    @Override
    public int size() {
        Set<String> keys = new LinkedHashSet<>();
        catalog.all().forEach(type -> keys.add(ResourceApi.typeKey(type)));
        return keys.size();
    }
}
