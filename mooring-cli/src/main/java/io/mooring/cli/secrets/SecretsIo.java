package io.mooring.cli.secrets;

import io.mooring.resource.ManifestException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mooring.resource.GoYamlWriter;
import io.mooring.resource.YamlDocument;
import io.mooring.resource.YamlReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** Reading manifests from a file or stdin and printing objects, for the secrets commands. */
final class SecretsIo {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SecretsIo() {
    }

    /** The objects in {@code file} ({@code -} or null: stdin); a {@code v1 List} counts as its items. */
    static List<JsonNode> read(Path file) {
        String source = file == null || file.toString().equals("-") ? "<stdin>" : file.toString();
        String text;
        try {
            if (source.equals("<stdin>")) {
                try (InputStream in = System.in) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } else {
                text = Files.readString(file);
            }
        } catch (IOException e) {
            throw new ManifestException("cannot read " + source + ": " + e.getMessage());
        }
        List<JsonNode> objects = new ArrayList<>();
        for (YamlDocument document : new YamlReader().read(source, text)) {
            if (document.isEmpty()) {
                continue;
            }
            JsonNode value = document.value();
            if ("List".equals(value.path("kind").asText()) && value.path("items").isArray()) {
                value.path("items").forEach(objects::add);
            } else {
                objects.add(value);
            }
        }
        return objects;
    }

    static String format(JsonNode object, String output) {
        if (output.equals("json")) {
            try {
                return JSON.writeValueAsString(object) + "\n";
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        if (!output.equals("yaml")) {
            throw new ManifestException("output format " + output + " is neither yaml nor json");
        }
        return GoYamlWriter.write(object);
    }

    /** Replaces {@code file} in one step (a temporary file beside it, then a move), so a failure leaves the old file whole. */
    static void replace(Path file, String content) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Path next = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                Files.writeString(next, content);
                try {
                    Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(next, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(next);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
