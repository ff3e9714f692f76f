package io.mooring.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.render.Renderers;
import io.mooring.resource.Manifest;

import java.util.List;

/** How {@code -o} prints manifests. */
enum OutputFormat {
    /** The documents as the renderer gave them (comments kept), separated by {@code ---}. */
    yaml {
        @Override
        String format(List<Manifest> manifests) {
            return Renderers.toYaml(manifests);
        }
    },
    /** A {@code v1 List} of the objects, indented as {@code kubectl -o json} does. */
    json {
        @Override
        String format(List<Manifest> manifests) {
            ObjectNode list = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "List");
            ArrayNode items = list.putArray("items");
            manifests.forEach(m -> items.add(m.object()));
            try {
                return KubectlJson.WRITER.writeValueAsString(list) + "\n";
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot print objects as JSON", e);
            }
        }
    };

    abstract String format(List<Manifest> manifests);

    /**
     * The JSON writer, in a holder class so that only {@code -o json} builds it: picocli reads this
     * enum's constants for every command line (to convert and to print help), and an ObjectMapper
     * costs a few hundred classes that a YAML render never uses.
     */
    private static final class KubectlJson {
        static final ObjectWriter WRITER = new ObjectMapper().writer(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""))
                .withObjectIndenter(new DefaultIndenter("    ", "\n"))
                .withArrayIndenter(new DefaultIndenter("    ", "\n")));
    }
}
