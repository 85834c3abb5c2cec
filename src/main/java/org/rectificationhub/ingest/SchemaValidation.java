package org.rectificationhub.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import org.rectificationhub.canonical.CanonicalDocument;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.canonical.CanonicalSchemaLoader;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks one candidate document against the canonical schema it names, outside a route: the same schemas and the
 * same loader as the json-validator step of routes/ingest.camel.yaml, for channels that work on batches.
 */
@Component
public class SchemaValidation {

    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    /** The document in the canonical model; an InputRejectedException says why it is not one. */
    public CanonicalDocument check(String json) {
        JsonNode node;
        try {
            node = CanonicalJson.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InputRejectedException("not valid JSON: " + e.getOriginalMessage());
        }
        String path = IngestSteps.schemaPathOf(node);
        Set<ValidationMessage> errors = schemas.computeIfAbsent(path, SchemaValidation::load).validate(node);
        if (!errors.isEmpty()) {
            throw new InputRejectedException(IngestSteps.mismatch(path, errors));
        }
        return IngestSteps.toCanonical(node);
    }

    private static JsonSchema load(String path) {
        try (InputStream in = SchemaValidation.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the classpath");
            }
            return CanonicalSchemaLoader.load(in, path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
