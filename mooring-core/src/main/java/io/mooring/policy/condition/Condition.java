package io.mooring.policy.condition;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One condition: {@code key operator value}, where key and value may hold {@code {{ }}} variables.
 *
 * @param message what to report when the condition is false (empty when none)
 */
public record Condition(JsonNode key, Operator operator, JsonNode value, String message) {
}
