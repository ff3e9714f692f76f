package io.mooring.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.policy.RuleResult;
import io.mooring.policy.RuleStatus;
import io.mooring.policy.check.CheckReport;
import io.mooring.resource.Manifest;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How {@code mooring policy check -o} prints a report. */
enum CheckOutput {
    /** The violations (failures and errors) as a table, then a summary line. */
    table {
        @Override
        String format(CheckReport report) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"RESULT", "ACTION", "POLICY", "RULE", "RESOURCE", "SOURCE", "MESSAGE"});
            for (CheckReport.Checked checked : report.objects()) {
                for (RuleResult result : checked.results()) {
                    if (result.blocks() || result.warns()) {
                        rows.add(new String[] {result.status().word(), result.blocks() ? "block" : "warn", result.policy(), result.rule(),
                                result.resource().toString(), location(checked.manifest()), result.message()});
                    }
                }
            }
            StringBuilder out = new StringBuilder();
            if (rows.size() > 1) {
                int[] widths = new int[rows.getFirst().length - 1];
                for (String[] row : rows) {
                    for (int i = 0; i < widths.length; i++) {
                        widths[i] = Math.max(widths[i], row[i].length());
                    }
                }
                for (String[] row : rows) {
                    StringBuilder line = new StringBuilder();
                    for (int i = 0; i < widths.length; i++) {
                        line.append(String.format("%-" + widths[i] + "s", row[i])).append("   ");
                    }
                    out.append(line.append(row[row.length - 1].replace('\n', ' ')).toString().stripTrailing()).append('\n');
                }
                out.append('\n');
            }
            return out.append(summary(report)).append('\n').toString();
        }
    },
    /** Every verdict, with a summary, as JSON. */
    json {
        @Override
        String format(CheckReport report) {
            ObjectNode root = MAPPER.createObjectNode();
            ObjectNode summary = root.putObject("summary");
            summary.put("objects", report.objects().size()).put("policies", report.policyCount());
            for (RuleStatus status : RuleStatus.values()) {
                summary.put(status.word(), report.count(status));
            }
            summary.put("blocking", report.blocking()).put("warnings", report.warnings());
            ArrayNode results = root.putArray("results");
            for (CheckReport.Checked checked : report.objects()) {
                for (RuleResult result : checked.results()) {
                    ObjectNode item = results.addObject();
                    ObjectNode resource = item.putObject("resource");
                    resource.put("apiVersion", result.resource().apiVersion()).put("kind", result.resource().kind())
                            .put("namespace", result.resource().namespace()).put("name", result.resource().name());
                    item.put("source", checked.manifest().source()).put("line", checked.manifest().line());
                    item.put("policy", result.policy()).put("rule", result.rule()).put("result", result.status().word())
                            .put("action", result.action().spelling()).put("blocks", result.blocks()).put("message", result.message());
                }
            }
            try {
                return MAPPER.writeValueAsString(root) + "\n";
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot print the report as JSON", e);
            }
        }
    },
    /**
     * JUnit XML: a test suite per policy, a test case per rule and object. A blocking failure is a
     * {@code failure}, a blocking error an {@code error}, a skipped rule {@code skipped}; an Audit
     * violation passes with its warning in {@code system-out}.
     */
    junit {
        @Override
        String format(CheckReport report) {
            Map<String, List<Object[]>> byPolicy = new LinkedHashMap<>();
            for (CheckReport.Checked checked : report.objects()) {
                for (RuleResult result : checked.results()) {
                    byPolicy.computeIfAbsent(result.policy(), p -> new ArrayList<>()).add(new Object[] {checked.manifest(), result});
                }
            }
            StringWriter text = new StringWriter();
            try {
                XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
                xml.writeStartDocument("UTF-8", "1.0");
                xml.writeCharacters("\n");
                xml.writeStartElement("testsuites");
                xml.writeAttribute("name", "mooring policy check");
                xml.writeAttribute("tests", Long.toString(report.results().count()));
                xml.writeAttribute("failures", Long.toString(report.results().filter(r -> r.blocks() && r.status() == RuleStatus.FAIL).count()));
                xml.writeAttribute("errors", Long.toString(report.results().filter(r -> r.blocks() && r.status() == RuleStatus.ERROR).count()));
                xml.writeCharacters("\n");
                for (Map.Entry<String, List<Object[]>> suite : byPolicy.entrySet()) {
                    writeSuite(xml, suite.getKey(), suite.getValue());
                }
                xml.writeEndElement();
                xml.writeCharacters("\n");
                xml.writeEndDocument();
                xml.close();
            } catch (XMLStreamException e) {
                throw new IllegalStateException("cannot print the report as JUnit XML", e);
            }
            return text.toString();
        }

        private void writeSuite(XMLStreamWriter xml, String policy, List<Object[]> cases) throws XMLStreamException {
            List<RuleResult> results = cases.stream().map(c -> (RuleResult) c[1]).toList();
            xml.writeCharacters("  ");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", policy);
            xml.writeAttribute("tests", Integer.toString(results.size()));
            xml.writeAttribute("failures", Long.toString(results.stream().filter(r -> r.blocks() && r.status() == RuleStatus.FAIL).count()));
            xml.writeAttribute("errors", Long.toString(results.stream().filter(r -> r.blocks() && r.status() == RuleStatus.ERROR).count()));
            xml.writeAttribute("skipped", Long.toString(results.stream().filter(r -> r.status() == RuleStatus.SKIP).count()));
            xml.writeCharacters("\n");
            for (Object[] testCase : cases) {
                Manifest manifest = (Manifest) testCase[0];
                RuleResult result = (RuleResult) testCase[1];
                xml.writeCharacters("    ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", policy);
                xml.writeAttribute("name", result.rule() + " " + result.resource());
                if (manifest.source() != null) {
                    xml.writeAttribute("file", manifest.source());
                }
                if (result.blocks()) {
                    xml.writeStartElement(result.status() == RuleStatus.FAIL ? "failure" : "error");
                    xml.writeAttribute("message", result.message());
                    xml.writeAttribute("type", result.action().spelling());
                    xml.writeCharacters(result.resource() + " (" + location(manifest) + "): " + result.message());
                    xml.writeEndElement();
                } else if (result.status() == RuleStatus.SKIP) {
                    xml.writeStartElement("skipped");
                    xml.writeAttribute("message", result.message());
                    xml.writeEndElement();
                } else if (result.warns()) {
                    xml.writeStartElement("system-out");
                    xml.writeCharacters("warning (Audit): " + result.message());
                    xml.writeEndElement();
                }
                xml.writeEndElement();
                xml.writeCharacters("\n");
            }
            xml.writeCharacters("  ");
            xml.writeEndElement();
            xml.writeCharacters("\n");
        }
    };

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    abstract String format(CheckReport report);

    static String summary(CheckReport report) {
        return report.objects().size() + " objects checked against " + report.policyCount() + " policies: "
                + report.count(RuleStatus.PASS) + " pass, " + report.count(RuleStatus.FAIL) + " fail, "
                + report.count(RuleStatus.ERROR) + " error, " + report.count(RuleStatus.SKIP) + " skip; "
                + report.blocking() + " blocking, " + report.warnings() + " warnings";
    }

    static String location(Manifest manifest) {
        if (manifest.source() == null) {
            return "";
        }
        return manifest.line() > 0 ? manifest.source() + ":" + manifest.line() : manifest.source();
    }
}
