package io.mooring.web.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * One mutating action: who, what, on what, when, from where, and how it ended.
 *
 * @param time   when it ended
 * @param actor  {@code local:admin}, {@code oidc:alice}, {@code token:ci}, or {@code anonymous}
 * @param action what was done ({@code SYNC}, {@code MANAGE_USERS}, {@code SIGN_IN}...)
 * @param target the request ({@code POST /api/v1/applications/mooring/web/sync})
 * @param source the client's address
 * @param result {@code success}, {@code failure}, {@code denied}, {@code accepted} (an operation that goes on), or an
 *               operation's end ({@code Succeeded}, {@code Failed})
 * @param detail what else helps to read it (a status code, a message); never a secret
 */
public record AuditEntry(Instant time, String actor, String action, String target, String source, String result, String detail) {
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("time", time.toString()).put("actor", actor).put("action", action).put("target", target).put("source", source)
                .put("result", result);
        if (detail != null && !detail.isEmpty()) {
            node.put("detail", detail);
        }
        return node;
    }

    public static AuditEntry fromJson(JsonNode node) {
        return new AuditEntry(Instant.parse(node.path("time").asText()), node.path("actor").asText(), node.path("action").asText(),
                node.path("target").asText(), node.path("source").asText(), node.path("result").asText(), node.path("detail").asText(""));
    }
}
