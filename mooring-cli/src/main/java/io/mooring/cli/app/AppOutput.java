package io.mooring.cli.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mooring.resource.GoYamlWriter;

import java.io.PrintWriter;

/** {@code -o}: a table for people, YAML or JSON for scripts. */
enum AppOutput {
    table, wide, yaml, json;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    boolean structured() {
        return this == yaml || this == json;
    }

    void print(PrintWriter out, JsonNode value) {
        try {
            out.print(this == yaml ? GoYamlWriter.write(value) : JSON.writeValueAsString(value) + "\n");
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print as JSON", e);
        }
    }
}
