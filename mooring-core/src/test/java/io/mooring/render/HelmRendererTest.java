package io.mooring.render;

import io.mooring.resource.Manifest;
import io.mooring.resource.ManifestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real Helm through helm-java: every test renders a chart written to a temporary directory. */
class HelmRendererTest {
    private static final String CHART_YAML = """
            apiVersion: v2
            name: web
            version: 0.1.0
            """;
    private static final String CONFIG_MAP = """
            # the settings of {{ .Release.Name }}
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ .Release.Name }}-settings
              namespace: {{ .Release.Namespace }}
            data:
              greeting: {{ .Values.greeting | quote }}
              color: {{ .Values.color | quote }}
              replicas: {{ .Values.replicas | quote }}
              replicasKind: {{ kindOf .Values.replicas | quote }}
            """;

    @TempDir
    Path dir;

    private final HelmRenderer renderer = new HelmRenderer();

    @Test
    void rendersEachDocumentWithItsTemplateAsSourceAndHelmsTextWithComments() throws IOException {
        Path chart = webChart();
        write(chart.resolve("templates/service.yaml"), """
                apiVersion: v1
                kind: Service
                metadata:
                  name: {{ .Release.Name }}
                spec:
                  ports: [{port: 80}]
                """);

        List<Manifest> manifests = renderer.render(RenderRequest.of(chart));

        assertThat(manifests).extracting(m -> m.key().kind()).as("Helm's install order: ConfigMap before Service")
                .containsExactly("ConfigMap", "Service");
        Manifest settings = manifests.getFirst();
        assertThat(settings.source()).isEqualTo("web/templates/configmap.yaml");
        assertThat(settings.text()).as("the text as Helm printed it, comments kept")
                .startsWith("# Source: web/templates/configmap.yaml\n# the settings of release-name\napiVersion: v1\n");
        assertThat(settings.object().at("/data/greeting").asText()).isEqualTo("hello");
    }

    @Test
    void defaultsToHelmTemplatesReleaseNameAndTheDefaultNamespace() throws IOException {
        Manifest settings = renderer.render(RenderRequest.of(webChart())).getFirst();

        assertThat(settings.object().at("/metadata/name").asText()).isEqualTo("release-name-settings");
        assertThat(settings.object().at("/metadata/namespace").asText()).isEqualTo("default");
    }

    @Test
    void releaseNameAndNamespaceAppearInTheOutput() throws IOException {
        RenderRequest request = new RenderRequest(webChart(), List.of(), List.of(), "shop-prod", "shop");

        Manifest settings = renderer.render(request).getFirst();

        assertThat(settings.object().at("/metadata/name").asText()).isEqualTo("shop-settings");
        assertThat(settings.object().at("/metadata/namespace").asText()).isEqualTo("shop-prod");
    }

    @Test
    void laterValuesFilesWinOverEarlierOnesAndTheChartDefaults() throws IOException {
        Path chart = webChart();
        Path base = write(dir.resolve("base.yaml"), "greeting: from-base\ncolor: blue\n");
        Path prod = write(dir.resolve("prod.yaml"), "color: red\n");
        RenderRequest request = new RenderRequest(chart, List.of(base, prod), List.of(), null, null);

        Manifest settings = renderer.render(request).getFirst();

        assertThat(settings.object().at("/data/greeting").asText()).as("set only by the first file").isEqualTo("from-base");
        assertThat(settings.object().at("/data/color").asText()).as("set by both files: the later wins").isEqualTo("red");
    }

    @Test
    void setValuesWinOverValuesFilesSplitOnCommasAndAreTypedLikeHelms() throws IOException {
        Path chart = webChart();
        Path prod = write(dir.resolve("prod.yaml"), "color: red\ngreeting: hi\n");
        RenderRequest request = new RenderRequest(chart, List.of(prod),
                List.of("color=green,replicas=3", "greeting=a\\,b"), null, null);

        Manifest settings = renderer.render(request).getFirst();

        assertThat(settings.object().at("/data/color").asText()).isEqualTo("green");
        assertThat(settings.object().at("/data/replicas").asText()).isEqualTo("3");
        assertThat(settings.object().at("/data/replicasKind").asText()).as("--set types 3 as an integer, as helm does").isEqualTo("int64");
        assertThat(settings.object().at("/data/greeting").asText()).as("an escaped comma stays in the value").isEqualTo("a,b");
    }

    @Test
    void rendersADependencyVendoredUnderCharts() throws IOException {
        Path umbrella = dir.resolve("umbrella");
        write(umbrella.resolve("Chart.yaml"), """
                apiVersion: v2
                name: umbrella
                version: 1.0.0
                dependencies:
                  - name: backend
                    version: 0.2.0
                    repository: file://../backend
                """);
        write(umbrella.resolve("values.yaml"), "backend:\n  port: 9090\n");
        Path vendored = umbrella.resolve("charts/backend");
        write(vendored.resolve("Chart.yaml"), "apiVersion: v2\nname: backend\nversion: 0.2.0\n");
        write(vendored.resolve("values.yaml"), "port: 8080\n");
        write(vendored.resolve("templates/service.yaml"), """
                apiVersion: v1
                kind: Service
                metadata:
                  name: {{ .Release.Name }}-backend
                spec:
                  ports: [{port: {{ .Values.port }}}]
                """);

        List<Manifest> manifests = renderer.render(new RenderRequest(umbrella, List.of(), List.of(), null, "shop"));

        assertThat(manifests).hasSize(1);
        assertThat(manifests.getFirst().source()).isEqualTo("umbrella/charts/backend/templates/service.yaml");
        assertThat(manifests.getFirst().object().at("/spec/ports/0/port").intValue())
                .as("the umbrella's values reach the dependency").isEqualTo(9090);
    }

    @Test
    void aDependencyThatIsNotVendoredSaysHowToVendorIt() throws IOException {
        Path umbrella = dir.resolve("umbrella");
        write(umbrella.resolve("Chart.yaml"), """
                apiVersion: v2
                name: umbrella
                version: 1.0.0
                dependencies:
                  - name: backend
                    version: 0.2.0
                    repository: file://../backend
                """);

        assertThatThrownBy(() -> renderer.render(RenderRequest.of(umbrella)))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("Chart.yaml")
                .hasMessageContaining("missing in charts/ directory: backend")
                .hasMessageContaining("charts/");
    }

    @Test
    void aTemplateSyntaxErrorNamesTheFileAndLine() throws IOException {
        Path chart = webChart();
        write(chart.resolve("templates/broken.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ .Values.name
                """);

        assertThatThrownBy(() -> renderer.render(RenderRequest.of(chart)))
                .isInstanceOfSatisfying(ManifestException.class, e -> {
                    assertThat(e.source()).as("the template as a path under the chart").isEqualTo(chart.resolve("templates/broken.yaml").toString());
                    assertThat(e.line()).as("Helm reports the line where it gave up").isEqualTo(5);
                    assertThat(e.problem()).as("Helm's own words").contains("parse error at (web/templates/broken.yaml:5)")
                            .doesNotContain("--debug");
                });
    }

    @Test
    void aMissingRequiredValueNamesTheTemplateAndTheChartsMessage() throws IOException {
        Path chart = webChart();
        write(chart.resolve("templates/secret.yaml"), """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: {{ required "database.host is required" .Values.database.host }}
                """);
        write(chart.resolve("values.yaml"), "greeting: hello\ncolor: blue\nreplicas: 1\ndatabase: {}\n");

        assertThatThrownBy(() -> renderer.render(RenderRequest.of(chart)))
                .isInstanceOfSatisfying(ManifestException.class, e -> {
                    assertThat(e.source()).endsWith("templates/secret.yaml");
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.problem()).contains("database.host is required");
                });
    }

    @Test
    void aMissingValuesFileIsAClearError() throws IOException {
        Path missing = dir.resolve("values-nope.yaml");
        RenderRequest request = new RenderRequest(webChart(), List.of(missing), List.of(), null, null);

        assertThatThrownBy(() -> renderer.render(request))
                .isInstanceOf(ManifestException.class)
                .hasMessage(missing + ": values file not found (check the --values path)");
    }

    @Test
    void aValuesFileWithBadYamlNamesTheFileAndLine() throws IOException {
        Path bad = write(dir.resolve("bad.yaml"), "color: red\nlist: [\n");
        RenderRequest request = new RenderRequest(webChart(), List.of(bad), List.of(), null, null);

        assertThatThrownBy(() -> renderer.render(request))
                .isInstanceOfSatisfying(ManifestException.class, e -> {
                    assertThat(e.source()).as("the file as the user named it").isEqualTo(bad.toString());
                    assertThat(e.line()).isPositive();
                    assertThat(e.problem()).contains("failed to parse");
                });
    }

    @Test
    void templatesThatRenderOnlyCommentsOrNothingGiveNoObjects() throws IOException {
        Path chart = webChart();
        write(chart.resolve("templates/optional.yaml"), "{{- if .Values.enabled }}\napiVersion: v1\nkind: ConfigMap\n{{- end }}\n");
        write(chart.resolve("templates/notes.yaml"), "# nothing here yet\n");

        assertThat(renderer.render(RenderRequest.of(chart))).extracting(Manifest::source)
                .containsExactly("web/templates/configmap.yaml");
    }

    @Test
    void aRenderedDocumentWithoutKindIsRefusedWithItsTemplate() throws IOException {
        Path chart = webChart();
        write(chart.resolve("templates/odd.yaml"), "greeting: {{ .Values.greeting }}\n");

        assertThatThrownBy(() -> renderer.render(RenderRequest.of(chart)))
                .isInstanceOfSatisfying(ManifestException.class, e -> {
                    assertThat(e.source()).isEqualTo("web/templates/odd.yaml");
                    assertThat(e.problem()).contains("not a Kubernetes object");
                });
    }

    @Test
    void renderersChooseHelmForADirectoryWithAChart() throws IOException {
        assertThat(Renderers.forPath(webChart())).isInstanceOf(HelmRenderer.class);
        assertThat(Renderers.forPath(dir)).as("no Chart.yaml").isInstanceOf(PlainRenderer.class);
    }

    private Path webChart() throws IOException {
        Path chart = dir.resolve("web");
        write(chart.resolve("Chart.yaml"), CHART_YAML);
        write(chart.resolve("values.yaml"), "greeting: hello\ncolor: blue\nreplicas: 1\n");
        write(chart.resolve("templates/configmap.yaml"), CONFIG_MAP);
        return chart;
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

}
