package io.mooring.sandbox.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.catalog.ResourceType;

/**
 * What the API server does to an object before storing it: fill in defaults (a Pod's restart
 * policy, a Service's cluster IP) and refuse invalid changes. Runs inside the store's lock.
 */
@FunctionalInterface
public interface Admission {
    enum Operation { CREATE, UPDATE }

    /**
     * @param incoming the object about to be stored; may be changed
     * @param existing the stored object before this write, null on create
     * @throws io.mooring.sandbox.store.ApiException to refuse the write
     */
    void admit(Operation operation, ResourceType type, ObjectNode incoming, ObjectNode existing);
}
