/**
 * The sandbox's conformance suite: the Kubernetes API conventions the sandbox must keep, checked
 * over HTTP with the clients Mooring and its users have (fabric8 7.7 over its JDK client, plain
 * HTTP where fabric8 hides the details, kubectl when it is on the PATH). One class per area:
 * discovery, CRUD and Status errors, resource versions, watches, the status and other
 * subresources, selectors, pages, namespaces, finalizers, garbage collection, custom resources,
 * patches, server-side apply, tables, fabric8's operations and kubectl.
 *
 * <p>Each class gets a fresh sandbox ({@link io.mooring.sandbox.conformance.Conformance}). To prove
 * the sandbox faithful, run the same suite against a real API server by naming its kubeconfig:
 * <pre>
 * MOORING_CONFORMANCE_KUBECONFIG=$HOME/.kube/config ./mvnw -pl mooring-sandbox -am verify \
 *     -Dtest='io.mooring.sandbox.conformance.*Test' -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * (or {@code -Dmooring.conformance.kubeconfig=...}). Each class then works in a namespace of its
 * own and deletes it afterwards; the few checks that need to outrun the server's history run on the
 * sandbox only.
 */
package io.mooring.sandbox.conformance;
