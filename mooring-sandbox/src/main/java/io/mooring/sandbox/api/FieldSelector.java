package io.mooring.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.sandbox.store.ApiException;

import java.util.ArrayList;
import java.util.List;

/**
 * A field selector ({@code metadata.name=web,status.phase!=Running}): equality and inequality on
 * dotted field paths, which is all Kubernetes supports. An absent field compares as empty.
 */
public record FieldSelector(List<Term> terms) {
    public static final FieldSelector EVERYTHING = new FieldSelector(List.of());

    public record Term(String path, boolean equal, String value) {
    }

    public static FieldSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        List<Term> terms = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            int notEqual = p.indexOf("!=");
            if (notEqual > 0) {
                terms.add(new Term(p.substring(0, notEqual), false, p.substring(notEqual + 2)));
                continue;
            }
            int equal = p.indexOf('=');
            if (equal <= 0) {
                throw ApiException.badRequest("invalid field selector: '" + p + "': expected key=value or key!=value");
            }
            int value = p.startsWith("==", equal) ? equal + 2 : equal + 1;
            terms.add(new Term(p.substring(0, equal), true, p.substring(value)));
        }
        return new FieldSelector(terms);
    }

    public boolean matches(JsonNode object) {
        for (Term term : terms) {
            JsonNode node = object;
            for (String step : term.path().split("\\.")) {
                node = node.path(step);
            }
            String actual = node.isValueNode() ? node.asText() : "";
            if (actual.equals(term.value()) != term.equal()) {
                return false;
            }
        }
        return true;
    }
}
