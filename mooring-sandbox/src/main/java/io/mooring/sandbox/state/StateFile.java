package io.mooring.sandbox.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.resource.ManifestException;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The file that keeps a sandbox's objects across restarts: JSON with a format name, the store's
 * revision and every object by resource. It is replaced atomically (a temporary file beside it,
 * synced, then renamed over it), so a crash mid-save leaves the previous save whole.
 */
public final class StateFile {
    static final String FORMAT = "mooring.io/sandbox-state/v1";
    /** Leaves the file open after writing, so that it can be synced before the rename. */
    private static final ObjectMapper JSON = new ObjectMapper().configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

    private final Path file;

    public StateFile(Path file) {
        this.file = file;
    }

    /** A saved cluster: the revision of its last write and its objects by {@code group/plural}. */
    public record Saved(long revision, Map<String, List<ObjectNode>> objects) {
        public int size() {
            return objects.values().stream().mapToInt(List::size).sum();
        }
    }

    public Path path() {
        return file;
    }

    /** The last save, or empty when there is none yet. */
    public Optional<Saved> read() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw unreadable(e.getLocation() == null ? 0 : e.getLocation().getLineNr(), "it is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sandbox's state " + file, e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw unreadable(1, "it is not a sandbox state file of format " + FORMAT);
        }
        Map<String, List<ObjectNode>> objects = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> resource : root.path("objects").properties()) {
            List<ObjectNode> items = new ArrayList<>();
            for (JsonNode item : resource.getValue()) {
                if (!(item instanceof ObjectNode object)) {
                    throw unreadable(0, "an item of " + resource.getKey() + " is not an object");
                }
                items.add(object);
            }
            objects.put(resource.getKey(), items);
        }
        return Optional.of(new Saved(root.path("revision").asLong(), objects));
    }

    /** Replaces the file with {@code saved}; readers see the old file or the new one, never a part. */
    public void write(Saved saved) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", FORMAT);
        root.put("revision", saved.revision());
        ObjectNode objects = root.putObject("objects");
        saved.objects().forEach((typeKey, items) -> {
            ArrayNode array = objects.putArray(typeKey);
            items.forEach(array::add);
        });
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileOutputStream out = new FileOutputStream(temporary.toFile())) {
                JSON.writeValue(out, root);
                // On disk before the rename: a power cut must not leave the new name on empty blocks.
                out.getFD().sync();
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the sandbox's state to " + file, e);
        }
    }

    private ManifestException unreadable(int line, String problem) {
        return new ManifestException(file.toString(), line, "cannot load the sandbox's saved objects: " + problem,
                "move the file away to start with an empty cluster");
    }
}
