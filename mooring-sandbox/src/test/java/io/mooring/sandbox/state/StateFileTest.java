package io.mooring.sandbox.state;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.ManifestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateFileTest {
    @TempDir
    Path dir;

    @Test
    void aSaveReadsBackWithItsRevisionAndObjects() {
        StateFile file = new StateFile(dir.resolve("objects.json"));
        file.write(new StateFile.Saved(42, Map.of("/configmaps", List.of(configMap("a")), "apps/deployments", List.of())));

        StateFile.Saved read = file.read().orElseThrow();

        assertThat(read.revision()).isEqualTo(42);
        assertThat(read.objects()).containsOnlyKeys("/configmaps", "apps/deployments");
        assertThat(read.objects().get("/configmaps")).containsExactly(configMap("a"));
        assertThat(read.size()).isEqualTo(1);
    }

    @Test
    void aSaveReplacesThePreviousOneAndLeavesNoTemporaryFile() throws IOException {
        StateFile file = new StateFile(dir.resolve("objects.json"));
        file.write(new StateFile.Saved(1, Map.of("/configmaps", List.of(configMap("old")))));
        file.write(new StateFile.Saved(2, Map.of("/configmaps", List.of(configMap("new")))));

        assertThat(file.read().orElseThrow().objects().get("/configmaps")).containsExactly(configMap("new"));
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("only the file itself is left").containsExactly("objects.json");
        }
    }

    @Test
    void noFileMeansNoSave() {
        assertThat(new StateFile(dir.resolve("objects.json")).read()).isEmpty();
    }

    @Test
    void aDamagedFileIsRefusedWithItsNameLineAndWhatToDo() throws IOException {
        Path path = dir.resolve("objects.json");
        Files.writeString(path, "{\"format\": \"" + StateFile.FORMAT + "\",\n \"revision\": 3,\n \"objects\": {\"/configmaps\": [");

        assertThatThrownBy(() -> new StateFile(path).read())
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith(path + ":3: cannot load the sandbox's saved objects: it is not valid JSON")
                .hasMessageEndingWith("(move the file away to start with an empty cluster)");
    }

    @Test
    void aJsonFileOfAnotherFormatIsRefused() throws IOException {
        Path path = dir.resolve("objects.json");
        Files.writeString(path, "{\"kind\": \"List\"}");

        assertThatThrownBy(() -> new StateFile(path).read())
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("it is not a sandbox state file of format " + StateFile.FORMAT);
    }

    private static ObjectNode configMap(String name) {
        ObjectNode object = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
        object.putObject("metadata").put("name", name).put("namespace", "default").put("resourceVersion", "7");
        return object;
    }
}
