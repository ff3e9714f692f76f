package io.mooring.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformAppsTest {
    @TempDir
    Path repo;

    @Test
    void findsAnEnvironmentPerOverlayAndPerValuesFileAndNoneForPlainApps() throws IOException {
        touch("apps/guestbook/base/kustomization.yaml");
        touch("apps/guestbook/overlays/dev/kustomization.yaml");
        touch("apps/guestbook/overlays/prod/kustomization.yaml");
        touch("apps/web/Chart.yaml");
        touch("apps/web/values.yaml");
        touch("apps/web/values-prod.yml");
        touch("apps/bare-chart/Chart.yaml");
        touch("apps/namespaces/ns.yaml");
        touch("apps/.hidden/x.yaml");

        List<PlatformApps.Target> targets = PlatformApps.of(repo);

        assertThat(targets).extracting(PlatformApps.Target::label).as("sorted by app, then environment; hidden folders skipped")
                .containsExactly("bare-chart", "guestbook [dev]", "guestbook [prod]", "namespaces", "web [prod]");
        assertThat(targets.get(2).path()).isEqualTo(repo.resolve("apps/guestbook/overlays/prod"));
        assertThat(targets.get(4).valuesFiles()).containsExactly(repo.resolve("apps/web/values-prod.yml"));
        assertThat(targets.get(4).request().releaseName()).as("a chart is released under its app's name").isEqualTo("web");
    }

    private void touch(String path) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "");
    }
}
