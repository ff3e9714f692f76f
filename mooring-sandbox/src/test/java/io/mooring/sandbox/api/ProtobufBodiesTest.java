package io.mooring.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.IntStr;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.mooring.sandbox.store.ApiException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** kubectl's protobuf bodies read into the JSON the API works on, in the JSON shape of Kubernetes' Go types. */
class ProtobufBodiesTest {
    private static byte[] envelope(String apiVersion, String kind, Message object) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'k', '8', 's', 0});
        out.writeBytes(Runtime.Unknown.newBuilder().setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
                .setRaw(object.toByteString()).setContentType("application/vnd.kubernetes.protobuf").build().toByteArray());
        return out.toByteArray();
    }

    @Test
    void serviceReadsWithIntOrStringAndWithoutGosZeroValues() {
        V1.Service service = V1.Service.newBuilder()
                .setMetadata(Meta.ObjectMeta.newBuilder().setName("web").setGenerateName("").putLabels("app", "web").putLabels("empty", ""))
                .setSpec(V1.ServiceSpec.newBuilder().setType("").addPorts(V1.ServicePort.newBuilder().setName("http").setPort(80)
                        .setTargetPort(IntStr.IntOrString.newBuilder().setType(1).setStrVal("http"))))
                .build();

        JsonNode json = ProtobufBodies.decode(envelope("v1", "Service", service));

        assertThat(json.path("apiVersion").asText()).isEqualTo("v1");
        assertThat(json.path("kind").asText()).isEqualTo("Service");
        assertThat(json.path("metadata").has("generateName")).as("an empty string is Go's zero value, not a value").isFalse();
        assertThat(json.path("metadata").path("labels").path("empty").isTextual()).as("but a map's empty value is one").isTrue();
        assertThat(json.path("spec").has("type")).isFalse();
        assertThat(json.path("spec").path("ports").path(0).path("targetPort").asText()).isEqualTo("http");
        assertThat(json.path("spec").path("ports").path(0).path("port").asInt()).isEqualTo(80);
    }

    @Test
    void timesBecomeRfc3339AndSecretBytesBase64() {
        V1.Secret secret = V1.Secret.newBuilder()
                .setMetadata(Meta.ObjectMeta.newBuilder().setName("s")
                        .setCreationTimestamp(Meta.Time.newBuilder().setSeconds(1_700_000_000L)))
                .putData("p", ByteString.copyFromUtf8("q")).build();

        JsonNode json = ProtobufBodies.decode(envelope("v1", "Secret", secret));

        assertThat(json.path("metadata").path("creationTimestamp").asText()).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(json.path("data").path("p").asText()).isEqualTo("cQ==");
    }

    @Test
    void kindWithoutAMessageIsUnsupported() {
        assertThatThrownBy(() -> ProtobufBodies.decode(envelope("example.com/v1", "Widget", V1.ConfigMap.getDefaultInstance())))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(415));
    }

    @Test
    void bodyWithoutTheEnvelopeIsABadRequest() {
        assertThatThrownBy(() -> ProtobufBodies.decode(new byte[] {1, 2, 3})).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo(400));
    }
}
