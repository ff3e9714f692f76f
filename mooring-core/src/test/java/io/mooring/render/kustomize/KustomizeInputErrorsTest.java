package io.mooring.render.kustomize;

import io.mooring.resource.ManifestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad kustomization input gets an error that says what and where, never a crash or a partial result. */
class KustomizeInputErrorsTest {
    @TempDir
    Path dir;

    private void write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private ManifestException buildFails(Path root) {
        try {
            Kustomize.build(root);
        } catch (ManifestException e) {
            return e;
        }
        throw new AssertionError("the build of " + root + " should have failed");
    }

    @Test
    void fileOutsideTheKustomizationRootIsRefused() throws IOException {
        write("secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n");
        write("app/kustomization.yaml", "resources:\n- ../secret.yaml\n");
        ManifestException e = buildFails(dir.resolve("app"));
        assertThat(e.getMessage()).as("the load restrictor names the file and the root")
                .contains("is not in or below").contains("secret.yaml");
    }

    @Test
    void symlinkPointingOutOfTheRootIsRefused() throws IOException {
        write("outside/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n");
        write("app/kustomization.yaml", "resources:\n- cm.yaml\n");
        Files.createSymbolicLink(dir.resolve("app/cm.yaml"), dir.resolve("outside/cm.yaml"));
        ManifestException e = buildFails(dir.resolve("app"));
        assertThat(e.getMessage()).as("a symlink is followed before the check").contains("is not in or below");
    }

    @Test
    void generatorFileOutsideTheRootIsRefused() throws IOException {
        write("passwords.txt", "secret\n");
        write("app/kustomization.yaml", "configMapGenerator:\n- name: c\n  files:\n  - ../passwords.txt\n");
        assertThat(buildFails(dir.resolve("app")).getMessage()).contains("is not in or below");
    }

    @Test
    void baseDirectoryAboveTheRootIsAllowed() throws IOException {
        write("base/kustomization.yaml", "resources:\n- cm.yaml\n");
        write("base/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n");
        write("overlay/kustomization.yaml", "resources:\n- ../base\nnamePrefix: dev-\n");
        assertThat(Kustomize.build(dir.resolve("overlay"))).singleElement()
                .satisfies(m -> assertThat(m.key().name()).isEqualTo("dev-cm"));
    }

    @Test
    void kustomizationIncludingItselfIsACycle() throws IOException {
        write("app/kustomization.yaml", "resources:\n- ../app\n");
        assertThat(buildFails(dir.resolve("app")).getMessage()).contains("cycle detected");
    }

    @Test
    void missingResourceNamesThePath() throws IOException {
        write("app/kustomization.yaml", "resources:\n- nowhere.yaml\n");
        assertThat(buildFails(dir.resolve("app")).getMessage())
                .contains("accumulating resources").contains("'nowhere.yaml' is neither a file nor a directory");
    }

    @Test
    void malformedResourceYamlNamesFileAndLine() throws IOException {
        write("app/kustomization.yaml", "resources:\n- deploy.yaml\n");
        write("app/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: [web\n");
        ManifestException e = buildFails(dir.resolve("app"));
        assertThat(e.source()).as("the file with the bad YAML").endsWith("deploy.yaml");
        assertThat(e.line()).as("the line of the problem").isPositive();
        assertThat(e.getMessage()).contains("malformed YAML");
    }

    @Test
    void unknownKustomizationFieldIsRefused() throws IOException {
        write("app/kustomization.yaml", "resources: []\nnamePrefx: dev-\n");
        assertThat(buildFails(dir.resolve("app")).getMessage()).contains("unknown field \"namePrefx\"");
    }

    @Test
    void directoryWithoutKustomizationSaysWhatToAdd() throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        assertThat(buildFails(dir.resolve("empty")).getMessage()).contains("unable to find one of 'kustomization.yaml'");
    }

    @Test
    void resourceWithoutNameIsRefused() throws IOException {
        write("app/kustomization.yaml", "resources:\n- cm.yaml\n");
        write("app/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n");
        assertThat(buildFails(dir.resolve("app")).getMessage()).contains("missing metadata.name");
    }

    @Test
    void remoteBaseIsRefusedWithAHint() throws IOException {
        write("app/kustomization.yaml", "resources:\n- https://github.com/example/repo//base?ref=v1\n");
        ManifestException e = buildFails(dir.resolve("app"));
        assertThat(e.getMessage()).contains("remote resource").contains("vendor");
    }

    @Test
    void helmChartsInAKustomizationAreRefusedNotIgnored() throws IOException {
        write("app/kustomization.yaml", "helmCharts:\n- name: redis\n  repo: https://charts.example\n");
        assertThat(buildFails(dir.resolve("app")).getMessage()).as("kustomize's own words, and what to do instead")
                .contains("must specify --enable-helm").contains("Helm renderer");
    }
}
