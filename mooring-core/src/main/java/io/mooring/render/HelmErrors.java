package io.mooring.render;

import io.mooring.resource.ManifestException;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the text of a Helm error into a {@link ManifestException} that points at the file (and
 * line, when Helm gives one) a user has to fix. Helm's own words stay in the message; Helm names a
 * template as {@code <chart name>/templates/x.yaml}, which is mapped onto the chart directory so
 * that the location can be opened as given.
 */
final class HelmErrors {
    /** {@code parse error at (c/templates/x.yaml:5): ...}, {@code execution error at (c/templates/x.yaml:4:11): ...} */
    private static final Pattern AT_TEMPLATE = Pattern.compile("\\(([^()\\s:]+):(\\d+)(?::\\d+)?\\)");
    /** {@code template: c/templates/x.yaml:4:18: executing ...} */
    private static final Pattern TEMPLATE_PREFIX = Pattern.compile("^template: ([^:\\s]+):(\\d+):");
    /** {@code YAML parse error on c/templates/x.yaml: ...}: the line Helm adds is one of the rendered output. */
    private static final Pattern YAML_ON = Pattern.compile("^YAML parse error on ([^:\\s]+):");
    /** {@code failed to parse /abs/values.yaml: error converting YAML to JSON: yaml: line 1: ...} */
    private static final Pattern VALUES_FILE = Pattern.compile("^failed to parse (.+?): ");
    private static final Pattern YAML_LINE = Pattern.compile("yaml: line (\\d+):");
    /** Advice for Helm's command line that has no meaning here. */
    private static final String DEBUG_ADVICE = "Use --debug flag to render out invalid YAML";

    private HelmErrors() {
    }

    /**
     * @param message     the error text Helm returned
     * @param chart       the chart directory as the user named it
     * @param valuesFiles the values files as the user named them, by the absolute path Helm was given
     */
    static ManifestException translate(String message, Path chart, Map<String, Path> valuesFiles) {
        String problem = clean(message);
        Matcher m;
        if ((m = VALUES_FILE.matcher(problem)).lookingAt()) {
            String file = m.group(1);
            Matcher line = YAML_LINE.matcher(problem);
            return new ManifestException(valuesFiles.getOrDefault(file, Path.of(file)).toString(),
                    line.find() ? lineOf(line.group(1)) : 0, problem, "fix the YAML of the values file");
        }
        if ((m = TEMPLATE_PREFIX.matcher(problem)).find() || (m = AT_TEMPLATE.matcher(problem)).find()) {
            return new ManifestException(inChart(chart, m.group(1)), lineOf(m.group(2)), problem,
                    problem.startsWith("execution error") ? "check the values the chart needs: see its values.yaml" : "fix the template");
        }
        if ((m = YAML_ON.matcher(problem)).find()) {
            return new ManifestException(inChart(chart, m.group(1)), 0, problem,
                    "the template renders invalid YAML; check its indentation (nindent, toYaml)");
        }
        if (problem.contains("missing in charts/ directory")) {
            return new ManifestException(chart.resolve("Chart.yaml").toString(), 0, problem,
                    "vendor the dependency: copy the chart (or run 'helm dependency build') into charts/ and commit it");
        }
        return new ManifestException(chart.toString(), 0, problem, null);
    }

    private static String clean(String message) {
        String text = message.strip();
        if (text.endsWith(DEBUG_ADVICE)) {
            text = text.substring(0, text.length() - DEBUG_ADVICE.length()).strip();
        }
        return text;
    }

    /** {@code c/templates/x.yaml} (chart name first) as a path under the chart directory. */
    private static String inChart(Path chart, String helmPath) {
        int slash = helmPath.indexOf('/');
        return slash < 0 ? helmPath : chart.resolve(helmPath.substring(slash + 1)).toString();
    }

    private static int lineOf(String digits) {
        return digits == null ? 0 : Integer.parseInt(digits);
    }
}
