package io.mooring.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.sandbox.catalog.ResourceType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Server-side printing: the {@code Table} that {@code kubectl get} asks for. Built-in kinds get
 * kube-apiserver's columns ({@link Printers}; priority 1 ones are {@code -o wide}), kinds without
 * a printer {@code NAME} and {@code CREATED AT}, custom resources the additionalPrinterColumns of
 * their CustomResourceDefinition (or {@code AGE}).
 */
final class Tables {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String CRDS = "apiextensions.k8s.io/customresourcedefinitions";

    /** One column: its definition, and how a cell is read from an object at a moment. */
    record Column(String name, String type, String format, int priority, Cell cell) {
    }

    @FunctionalInterface
    interface Cell {
        Object of(JsonNode object, Instant now);
    }

    private final Clock clock;
    private final ResourceApi api;

    Tables(Clock clock, ResourceApi api) {
        this.clock = clock;
        this.api = api;
    }

    /**
     * The table of a list, or of one object (then the list has one item).
     *
     * @param includeObject what each row carries: None, Metadata (PartialObjectMetadata) or Object
     */
    ObjectNode table(ResourceType type, List<? extends JsonNode> objects, String resourceVersion, String includeObject) {
        List<Column> columns = columns(type);
        Instant now = clock.instant();
        ObjectNode table = JSON.objectNode();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        table.putObject("metadata").put("resourceVersion", resourceVersion);
        ArrayNode definitions = table.putArray("columnDefinitions");
        for (Column column : columns) {
            ObjectNode definition = definitions.addObject();
            definition.put("name", column.name());
            definition.put("type", column.type());
            definition.put("format", column.format());
            definition.put("description", "");
            definition.put("priority", column.priority());
        }
        ArrayNode rows = table.putArray("rows");
        for (JsonNode object : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            for (Column column : columns) {
                cells.add(cell(column.cell().of(object, now)));
            }
            switch (includeObject) {
                case "Object" -> row.set("object", object);
                case "None" -> {
                }
                default -> row.set("object", Rendering.partial(object));
            }
        }
        return table;
    }

    private static JsonNode cell(Object value) {
        return switch (value) {
            case null -> JSON.nullNode();
            case Integer i -> JSON.numberNode(i);
            case Long l -> JSON.numberNode(l);
            case Double d -> JSON.numberNode(d);
            case Boolean b -> JSON.booleanNode(b);
            case JsonNode node -> node;
            default -> JSON.textNode(value.toString());
        };
    }

    private List<Column> columns(ResourceType type) {
        if (api.catalog().isCustom(type)) {
            return customColumns(type);
        }
        List<Column> printed = Printers.columns(type);
        return printed != null ? printed : List.of(Printers.NAME,
                new Column("Created At", "date", "", 0, (o, now) -> o.path("metadata").path("creationTimestamp").asText("")));
    }

    /** Name, then the CRD's additionalPrinterColumns for this version, or Age when it has none. */
    private List<Column> customColumns(ResourceType type) {
        List<Column> columns = new ArrayList<>();
        columns.add(Printers.NAME);
        ObjectNode crd = api.store().read(CRDS, "", type.plural() + "." + type.group());
        JsonNode printerColumns = crd == null ? JSON.missingNode() : crd.path("spec").path("additionalPrinterColumns");
        if (crd != null) {
            for (JsonNode version : crd.path("spec").path("versions")) {
                if (version.path("name").asText().equals(type.version()) && version.has("additionalPrinterColumns")) {
                    printerColumns = version.path("additionalPrinterColumns");
                }
            }
        }
        if (printerColumns.isEmpty()) {
            columns.add(Printers.AGE);
            return columns;
        }
        for (JsonNode column : printerColumns) {
            String columnType = column.path("type").asText("string");
            JsonPathLite path = JsonPathLite.parse(column.path("jsonPath").asText(""));
            columns.add(new Column(column.path("name").asText(), columnType, column.path("format").asText(""),
                    column.path("priority").asInt(0), (o, now) -> customCell(columnType, path.first(o), now)));
        }
        return columns;
    }

    private static Object customCell(String type, JsonNode value, Instant now) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return null;
        }
        return switch (type) {
            case "integer" -> value.canConvertToLong() ? value.asLong() : null;
            case "number" -> value.isNumber() ? value.asDouble() : null;
            case "boolean" -> value.isBoolean() ? value.asBoolean() : null;
            case "date" -> value.isTextual() ? since(value.asText(), now) : null;
            default -> value.isValueNode() ? value.asText() : value.toString();
        };
    }

    /** How long ago an RFC 3339 time was, as kubectl prints ages ({@code 45s}, {@code 3m20s}, {@code 5h}, {@code 12d}). */
    static String since(String timestamp, Instant now) {
        if (timestamp == null || timestamp.isEmpty()) {
            return "<unknown>";
        }
        try {
            return humanDuration(Duration.between(Instant.parse(timestamp), now));
        } catch (DateTimeParseException e) {
            return "<invalid>";
        }
    }

    /** Kubernetes' short human durations: precise when short, coarser as they grow. */
    static String humanDuration(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < -1) {
            return "<invalid>";
        }
        if (seconds < 0) {
            return "0s";
        }
        if (seconds < 120) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            return seconds % 60 == 0 ? minutes + "m" : minutes + "m" + seconds % 60 + "s";
        }
        if (minutes < 180) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 8) {
            return minutes % 60 == 0 ? hours + "h" : hours + "h" + minutes % 60 + "m";
        }
        if (hours < 48) {
            return hours + "h";
        }
        long days = hours / 24;
        if (hours < 24 * 8) {
            return hours % 24 == 0 ? days + "d" : days + "d" + hours % 24 + "h";
        }
        if (days < 365 * 2) {
            return days + "d";
        }
        long years = days / 365;
        if (days < 365 * 8) {
            return days % 365 == 0 ? years + "y" : years + "y" + days % 365 + "d";
        }
        return years + "y";
    }
}
