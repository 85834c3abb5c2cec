package org.rectificationhub.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rectificationhub.canonical.Classification;
import org.rectificationhub.canonical.SchemaCatalog;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the public may see, decided in one place for every public output (pages, notice.txt and notice.docx, feeds,
 * JSON): only fields the schema classifies {@code x-classification: public}, of items not under an approved
 * exemption. A field the schema does not know (a new one, a note's own key) is not public. Everything a page shows
 * passes through here first; renderers never read the ledger's documents themselves.
 */
final class DisclosurePolicy {

    private static final Map<String, Map<String, Classification>> CLASSIFICATIONS = new ConcurrentHashMap<>();

    private DisclosurePolicy() {
    }

    /** The document's public fields, or nothing at all when the document is under an exemption ground. */
    static Optional<JsonNode> publish(String kind, JsonNode document) {
        if (document == null || !document.isObject() || isExempt(document)) {
            return Optional.empty();
        }
        Map<String, Classification> classes = CLASSIFICATIONS.computeIfAbsent(kind, SchemaCatalog::classifications);
        JsonNode kept = keep(document, "", classes);
        return Optional.of(kept == null ? JsonNodeFactory.instance.objectNode() : kept);
    }

    /** An item (a progress document, a problem's current state) carrying an exemption ground is withheld whole. */
    static boolean isExempt(JsonNode item) {
        JsonNode exemption = item.path("exemption");
        return !exemption.isMissingNode() && !exemption.isNull();
    }

    /** A copy holding only public leaves and the containers that lead to them; null when nothing is public. */
    private static JsonNode keep(JsonNode node, String path, Map<String, Classification> classes) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(field -> {
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                JsonNode kept = keep(field.getValue(), child, classes);
                if (kept != null) {
                    out.set(field.getKey(), kept);
                }
            });
            return out.isEmpty() && !isPublic(path, classes) ? null : out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> {
                JsonNode kept = keep(item, path + "[]", classes);
                if (kept != null) {
                    out.add(kept);
                }
            });
            return out.isEmpty() && !isPublic(path, classes) ? null : out;
        }
        return isPublic(path, classes) ? node.deepCopy() : null;
    }

    /** Array elements are classified by their array (path[]): a string list takes its array's class. */
    private static boolean isPublic(String path, Map<String, Classification> classes) {
        String key = path.endsWith("[]") ? path.substring(0, path.length() - 2) : path;
        return !key.isEmpty() && classes.get(key) == Classification.PUBLIC;
    }
}
