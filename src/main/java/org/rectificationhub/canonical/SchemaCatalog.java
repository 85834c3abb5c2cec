package org.rectificationhub.canonical;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The canonical schemas on the classpath (copied there from the top-level schemas/ folder), by document kind.
 * Released versions are never edited; a new version is a new file.
 */
public final class SchemaCatalog {

    public static final List<String> KINDS = List.of(RoundRegistration.KIND, ProgressUpdate.KIND);

    private SchemaCatalog() {
    }

    /** Classpath location of the schema for a kind and version, e.g. schemas/progress.v1.schema.json. */
    public static Optional<String> schemaPath(String kind, String schemaVersion) {
        if (!KINDS.contains(kind) || !CanonicalDocument.SCHEMA_VERSION.equals(schemaVersion)) {
            return Optional.empty();
        }
        return Optional.of("schemas/" + kind + ".v" + schemaVersion + ".schema.json");
    }

    public static JsonNode schema(String kind) {
        String path = schemaPath(kind, CanonicalDocument.SCHEMA_VERSION)
                .orElseThrow(() -> new IllegalArgumentException("no schema for kind " + kind));
        try (InputStream in = SchemaCatalog.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the classpath");
            }
            return CanonicalJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<JsonNode> examples(String kind) {
        List<JsonNode> examples = new ArrayList<>();
        schema(kind).path("examples").forEach(examples::add);
        return examples;
    }

    /**
     * Field paths (e.g. {@code accountability[].subjects}) to their classification, read from the schema's own
     * x-classification annotations; a field without one inherits its parent's.
     */
    public static Map<String, Classification> classifications(String kind) {
        JsonNode schema = schema(kind);
        Map<String, Classification> result = new LinkedHashMap<>();
        walk(schema, schema, "", Classification.of(schema.path("x-classification").asText("internal")), result, 0);
        return result;
    }

    private static void walk(JsonNode root, JsonNode node, String path, Classification inherited,
                             Map<String, Classification> out, int depth) {
        if (depth > 16) {
            return;
        }
        JsonNode resolved = resolve(root, node);
        Classification own = resolved.has("x-classification")
                ? Classification.of(resolved.get("x-classification").asText())
                : node.has("x-classification") ? Classification.of(node.get("x-classification").asText()) : inherited;
        if (!path.isEmpty()) {
            out.put(path, own);
        }
        resolved.path("properties").fields().forEachRemaining(field ->
                walk(root, field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(),
                        own, out, depth + 1));
        if (resolved.has("items")) {
            JsonNode items = resolve(root, resolved.get("items"));
            items.path("properties").fields().forEachRemaining(field ->
                    walk(root, field.getValue(), path + "[]." + field.getKey(), own, out, depth + 1));
        }
    }

    private static JsonNode resolve(JsonNode root, JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref") && hops < 8; hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalStateException("only local $ref is supported in canonical schemas: " + ref);
            }
            current = root.at(ref.substring(1));
        }
        return current;
    }
}
