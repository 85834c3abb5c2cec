package org.rectificationhub.canonical;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one schema validation of the hub: every channel and the parse command check a document here, so a sender
 * reads the same words for the same mistake whichever way it sent the document. Pure apart from its schema cache.
 */
public final class SchemaValidator {

    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private SchemaValidator() {
    }

    /** The document in the canonical model, or what is wrong with it: which field, what was wrong, what was expected. */
    public static Checked check(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Checked.invalid("expected a JSON object with kind and schemaVersion");
        }
        String kind = node.path("kind").asText("");
        String version = node.path("schemaVersion").asText("");
        String path = SchemaCatalog.schemaPath(kind, version).orElse(null);
        if (path == null) {
            return Checked.invalid("$.kind/$.schemaVersion: '" + shorten(kind) + "' version '" + shorten(version)
                    + "' has no schema; expected kind " + SchemaCatalog.KINDS + " with schemaVersion \""
                    + CanonicalDocument.SCHEMA_VERSION + "\"");
        }
        Schema schema = SCHEMAS.computeIfAbsent(path, SchemaValidator::load);
        List<String> errors = CanonicalSchemaLoader.violations(schema, node).stream()
                .map(Object::toString).sorted().toList();
        if (!errors.isEmpty()) {
            return Checked.invalid("does not match " + path + ": " + String.join("; ", errors));
        }
        try {
            return new Checked(CanonicalJson.toDocument(node), null);
        } catch (JsonProcessingException e) {
            return Checked.invalid("the document matches " + path + " but not the canonical model: "
                    + e.getOriginalMessage());
        }
    }

    /** A document read back from canonical JSON, checked the same way. */
    public static Checked check(CanonicalDocument document) {
        try {
            return check(CanonicalJson.readTree(CanonicalJson.write(document)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("canonical JSON written by the hub is unreadable", e);
        }
    }

    private static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }

    private static Schema load(String path) {
        try (InputStream in = SchemaValidator.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the classpath");
            }
            return CanonicalSchemaLoader.load(in, path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid document, or the reason it is not one. */
    public record Checked(CanonicalDocument document, String problem) {

        static Checked invalid(String problem) {
            return new Checked(null, problem);
        }

        public boolean valid() {
            return problem == null;
        }
    }
}
