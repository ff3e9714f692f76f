package io.mooring.sandbox.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code metadata.managedFields}, read and written as the API server does: entries checked
 * (operation Apply or Update, an API version, {@code fieldsType: FieldsV1}), one entry per
 * manager identity, written sorted by operation, time, manager, API version and subresource.
 */
final class ManagedFieldsCodec {
    private ManagedFieldsCodec() {
    }

    /** The ownership the entries describe; an {@link IllegalArgumentException} says what is wrong with them. */
    static Managed decode(JsonNode entries) {
        Map<ManagerId, Managed.Entry> fields = new LinkedHashMap<>();
        Map<ManagerId, String> times = new LinkedHashMap<>();
        if (entries == null || entries.isNull()) {
            return Managed.empty();
        }
        if (!entries.isArray()) {
            throw new IllegalArgumentException("managedFields must be a list");
        }
        int index = 0;
        for (JsonNode entry : entries) {
            String operation = entry.path("operation").asText("");
            if (!operation.equals("Apply") && !operation.equals("Update")) {
                throw new IllegalArgumentException("operation must be `Apply` or `Update`");
            }
            String apiVersion = entry.path("apiVersion").asText("");
            if (apiVersion.isEmpty()) {
                throw new IllegalArgumentException("apiVersion must not be empty");
            }
            String fieldsType = entry.path("fieldsType").asText("");
            if (fieldsType.isEmpty()) {
                throw new IllegalArgumentException("missing fieldsType in managed fields entry " + index);
            }
            if (!fieldsType.equals("FieldsV1")) {
                throw new IllegalArgumentException("invalid fieldsType \"" + fieldsType + "\" in managed fields entry " + index);
            }
            boolean apply = operation.equals("Apply");
            String manager = entry.path("manager").asText("");
            String subresource = entry.path("subresource").asText("");
            ManagerId id = new ManagerId(manager, apply, apply ? "" : apiVersion, subresource);
            fields.put(id, new Managed.Entry(FieldSet.fromFieldsV1(entry.get("fieldsV1")), apiVersion, apply));
            if (entry.hasNonNull("time")) {
                times.put(id, entry.get("time").asText());
            }
            index++;
        }
        return new Managed(fields, times);
    }

    /** Whether the entries ask for ownership to be forgotten: an empty list, or one empty entry. */
    static boolean isReset(JsonNode entries) {
        if (entries == null || !entries.isArray()) {
            return false;
        }
        return entries.isEmpty() || entries.size() == 1 && entries.get(0).isObject() && entries.get(0).isEmpty();
    }

    /** The entries, sorted as the API server sorts them; null when nobody manages anything. */
    static ArrayNode encode(Managed managed) {
        if (managed.isEmpty()) {
            return null;
        }
        List<ObjectNode> entries = new ArrayList<>();
        managed.fields().forEach((id, entry) -> {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            out.put("manager", id.manager());
            out.put("operation", entry.applied() ? "Apply" : "Update");
            out.put("apiVersion", entry.apiVersion());
            String time = managed.times().get(id);
            if (time != null) {
                out.put("time", time);
            }
            out.put("fieldsType", "FieldsV1");
            out.set("fieldsV1", entry.set().toFieldsV1());
            if (!id.subresource().isEmpty()) {
                out.put("subresource", id.subresource());
            }
            entries.add(out);
        });
        entries.sort(Comparator.<ObjectNode, String>comparing(e -> e.path("operation").asText())
                .thenComparingLong(e -> seconds(e.path("time").asText("")))
                .thenComparing(e -> e.path("manager").asText())
                .thenComparing(e -> e.path("apiVersion").asText())
                .thenComparing(e -> e.path("subresource").asText("")));
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        entries.forEach(array::add);
        return array;
    }

    /** The epoch second of a managedFields time, 0 when there is none. */
    static long seconds(String time) {
        if (time == null || time.isEmpty()) {
            return 0;
        }
        try {
            return Instant.parse(time).getEpochSecond();
        } catch (DateTimeParseException e) {
            return 0;
        }
    }
}
