package io.mooring.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.resource.ManifestException;
import io.mooring.resource.YamlReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Mooring's {@code file} secret store, for local use: a YAML or JSON file whose top-level keys are
 * secret names and whose values are a text or a map of properties. Files are read only under the
 * directory the operator named ({@link SecretsSettings#fileRoot()}): a path in Git must not reach
 * the controller's own files (its service account token, for one).
 */
final class FileStore {
    private final Path root;

    FileStore(Path root) {
        this.root = root;
    }

    /** The value of {@code key} in {@code file}, or a message for the caller to wrap. */
    JsonNode read(String file, String key) {
        if (root == null) {
            throw new IllegalArgumentException("file secret stores are off: start Mooring with " + SecretsSettings.FILE_ROOT_VARIABLE
                    + " set to the directory they may read");
        }
        Path base;
        Path path;
        try {
            base = root.toRealPath();
            path = base.resolve(file).normalize();
            if (!path.startsWith(base) || !Files.isRegularFile(path) || !path.toRealPath().startsWith(base)) {
                throw new IllegalArgumentException("file " + file + " is not a file under the file stores' directory");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("file " + file + " cannot be read: " + e.getMessage());
        }
        JsonNode content;
        try {
            content = new YamlReader().readOne(file, Files.readString(path));
        } catch (IOException e) {
            throw new IllegalArgumentException("file " + file + " cannot be read: " + e.getMessage());
        } catch (ManifestException e) {
            // Only the line: a parser's message may quote the text around the problem, which is a secret.
            throw new IllegalArgumentException("file " + file + " is not valid YAML or JSON (line " + e.line() + ")");
        }
        JsonNode value = content.get(key);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("file " + file + " has no key \"" + key + "\"");
        }
        return value;
    }
}
