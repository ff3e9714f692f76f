package io.mooring.sandbox.cluster.storage;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.mooring.sandbox.cluster.SandboxTestSupport;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class VolumesTest extends SandboxTestSupport {
    private static PersistentVolumeClaim claim(String name, String extra) {
        return client.resource(Serialization.unmarshal("""
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: %s, namespace: default}
                spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}%s}
                """.formatted(name, extra), PersistentVolumeClaim.class)).create();
    }

    private static PersistentVolumeClaim get(String name) {
        return client.persistentVolumeClaims().inNamespace("default").withName(name).get();
    }

    @Test
    void theDefaultStorageClassExistsFromTheStart() {
        StorageClass standard = client.storage().v1().storageClasses().withName("standard").get();
        assertThat(standard.getMetadata().getAnnotations()).containsEntry("storageclass.kubernetes.io/is-default-class", "true");
        assertThat(standard.getReclaimPolicy()).isEqualTo("Delete");
        assertThat(standard.getVolumeBindingMode()).isEqualTo("Immediate");
    }

    @Test
    void aClaimBindsToAProvisionedVolumeAndBothReadBound() {
        PersistentVolumeClaim created = claim("data", "");
        assertThat(created.getSpec().getStorageClassName()).as("the default class is filled in").isEqualTo("standard");
        assertThat(created.getSpec().getVolumeMode()).isEqualTo("Filesystem");
        assertThat(created.getMetadata().getFinalizers()).containsExactly("kubernetes.io/pvc-protection");
        assertThat(created.getStatus().getPhase()).isEqualTo("Pending");

        await().atMost(Duration.ofSeconds(10)).until(() -> "Bound".equals(get("data").getStatus().getPhase()));
        PersistentVolumeClaim bound = get("data");
        String volumeName = "pvc-" + bound.getMetadata().getUid();
        assertThat(bound.getSpec().getVolumeName()).isEqualTo(volumeName);
        assertThat(bound.getStatus().getCapacity().get("storage").toString()).isEqualTo("1Gi");
        assertThat(bound.getStatus().getAccessModes()).containsExactly("ReadWriteOnce");
        assertThat(bound.getMetadata().getAnnotations()).containsEntry("pv.kubernetes.io/bind-completed", "yes")
                .containsEntry("pv.kubernetes.io/bound-by-controller", "yes")
                .containsEntry("volume.kubernetes.io/storage-provisioner", "sandbox.mooring.io/hostpath");
        PersistentVolume volume = client.persistentVolumes().withName(volumeName).get();
        assertThat(volume.getStatus().getPhase()).isEqualTo("Bound");
        assertThat(volume.getSpec().getClaimRef().getName()).isEqualTo("data");
        assertThat(volume.getSpec().getPersistentVolumeReclaimPolicy()).isEqualTo("Delete");
        assertThat(volume.getSpec().getStorageClassName()).isEqualTo("standard");
        assertThat(volume.getMetadata().getFinalizers()).containsExactly("kubernetes.io/pv-protection");

        client.persistentVolumeClaims().inNamespace("default").withName("data").delete();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(get("data")).isNull();
            assertThat(client.persistentVolumes().withName(volumeName).get()).as("a Delete policy deletes the released volume").isNull();
        });
    }

    @Test
    void aClaimBindsTheSmallestFittingStaticVolumeOfItsClass() {
        for (String size : new String[] {"5Gi", "2Gi", "500Mi"}) {
            client.resource(Serialization.unmarshal("""
                    apiVersion: v1
                    kind: PersistentVolume
                    metadata: {name: static-%s, labels: {tier: fast}}
                    spec: {capacity: {storage: %s}, accessModes: [ReadWriteOnce, ReadOnlyMany], storageClassName: manual,
                           persistentVolumeReclaimPolicy: Retain, hostPath: {path: /data}}
                    """.formatted(size.toLowerCase(), size), PersistentVolume.class)).create();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> "Available".equals(client.persistentVolumes().withName("static-2gi").get()
                .getStatus().getPhase()));
        claim("manual-claim", ", storageClassName: manual, selector: {matchLabels: {tier: fast}}");
        await().atMost(Duration.ofSeconds(10)).until(() -> "Bound".equals(get("manual-claim").getStatus().getPhase()));
        assertThat(get("manual-claim").getSpec().getVolumeName()).as("1Gi fits 2Gi best").isEqualTo("static-2gi");

        client.persistentVolumeClaims().inNamespace("default").withName("manual-claim").delete();
        await().atMost(Duration.ofSeconds(10)).until(() -> "Released".equals(client.persistentVolumes().withName("static-2gi").get()
                .getStatus().getPhase()));
    }

    @Test
    void aClaimInUseByAPodStaysUntilThePodIsGone() {
        claim("used", "");
        client.resource(Serialization.unmarshal("""
                apiVersion: v1
                kind: Pod
                metadata: {name: user, namespace: default}
                spec:
                  containers: [{name: c, image: "busybox:1", volumeMounts: [{name: d, mountPath: /d}]}]
                  volumes: [{name: d, persistentVolumeClaim: {claimName: used}}]
                """, Pod.class)).create();
        await().atMost(Duration.ofSeconds(10)).until(() -> "Bound".equals(get("used").getStatus().getPhase()));
        client.persistentVolumeClaims().inNamespace("default").withName("used").delete();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() ->
                assertThat(get("used").getMetadata().getDeletionTimestamp()).as("protected while mounted").isNotNull());
        client.pods().inNamespace("default").withName("user").delete();
        await().atMost(Duration.ofSeconds(10)).until(() -> get("used") == null);
    }

    @Test
    void aPodsEphemeralVolumeGetsAClaimOwnedByThePod() {
        Pod pod = client.resource(Serialization.unmarshal("""
                apiVersion: v1
                kind: Pod
                metadata: {name: scratchy, namespace: default}
                spec:
                  containers: [{name: c, image: "busybox:1"}]
                  volumes:
                  - name: scratch
                    ephemeral: {volumeClaimTemplate: {spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}}
                """, Pod.class)).create();
        await().atMost(Duration.ofSeconds(10)).until(() -> get("scratchy-scratch") != null
                && "Bound".equals(get("scratchy-scratch").getStatus().getPhase()));
        assertThat(get("scratchy-scratch").getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo(pod.getMetadata().getUid()));
    }

    @Test
    void kubectlSeesTheClaimBound() throws Exception {
        claim("shown", "");
        await().atMost(Duration.ofSeconds(10)).until(() -> "Bound".equals(get("shown").getStatus().getPhase()));
        Kubectl result = kubectl(null, "get", "pvc", "shown", "-n", "default", "-o", "jsonpath={.status.phase} {.spec.storageClassName}");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).isEqualTo("Bound standard");
    }

    @Test
    void aWaitForFirstConsumerClaimBindsOnceAScheduledPodUsesIt() {
        client.resource(Serialization.unmarshal("""
                apiVersion: storage.k8s.io/v1
                kind: StorageClass
                metadata: {name: local}
                provisioner: sandbox.mooring.io/hostpath
                volumeBindingMode: WaitForFirstConsumer
                """, StorageClass.class)).create();
        claim("late", ", storageClassName: local");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> "Pending".equals(get("late").getStatus().getPhase()));
        client.resource(Serialization.unmarshal("""
                apiVersion: v1
                kind: Pod
                metadata: {name: consumer, namespace: default}
                spec:
                  schedulerName: test-scheduler
                  nodeName: node-7
                  containers: [{name: c, image: "busybox:1"}]
                  volumes: [{name: d, persistentVolumeClaim: {claimName: late}}]
                """, Pod.class)).create();
        await().atMost(Duration.ofSeconds(10)).until(() -> "Bound".equals(get("late").getStatus().getPhase()));
        assertThat(get("late").getMetadata().getAnnotations()).containsEntry("volume.kubernetes.io/selected-node", "node-7");
        PersistentVolume volume = client.persistentVolumes().withName(get("late").getSpec().getVolumeName()).get();
        assertThat(volume.getSpec().getNodeAffinity().getRequired().getNodeSelectorTerms().getFirst().getMatchExpressions().getFirst()
                .getValues()).containsExactly("node-7");
    }
}
