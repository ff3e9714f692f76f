package io.mooring.cluster;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestCounterTest {
    @Test
    void aPathIsCountedByItsResourceAndSubresourceWithoutNamespaceOrName() {
        assertThat(Kube.RequestCounter.resource("/api/v1/namespaces/web/configmaps/settings")).isEqualTo("configmaps");
        assertThat(Kube.RequestCounter.resource("/api/v1/namespaces/web/pods")).isEqualTo("pods");
        assertThat(Kube.RequestCounter.resource("/apis/mooring.io/v1alpha1/namespaces/mooring/applications/web/status"))
                .isEqualTo("applications/status");
        assertThat(Kube.RequestCounter.resource("/api/v1/namespaces/web")).as("a namespace itself").isEqualTo("namespaces");
        assertThat(Kube.RequestCounter.resource("/api/v1/namespaces")).isEqualTo("namespaces");
        assertThat(Kube.RequestCounter.resource("/apis/apps/v1/deployments")).isEqualTo("deployments");
        assertThat(Kube.RequestCounter.resource("/version")).as("not a resource: the path").isEqualTo("/version");
    }
}
