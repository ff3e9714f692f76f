package io.mooring.policy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A {@code context} entry of type {@code variable}: a value, or a JMESPath over the request (or over
 * the value), with a default when that gives nothing.
 *
 * @param value        {@code variable.value}, or null
 * @param jmesPath     {@code variable.jmesPath}, or empty
 * @param defaultValue {@code variable.default}, or null
 */
public record ContextEntry(String name, JsonNode value, String jmesPath, JsonNode defaultValue) {
}
