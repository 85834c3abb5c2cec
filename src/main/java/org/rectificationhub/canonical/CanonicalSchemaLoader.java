package org.rectificationhub.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

/**
 * Loads the canonical schemas: draft 2020-12 (networknt, the validator camel-json-validator is built on), with
 * {@code format} asserted (a date must be a date) and x-classification known as an annotation rather than an
 * unknown keyword.
 */
public final class CanonicalSchemaLoader {

    public static final String CLASSIFICATION_KEYWORD = "x-classification";

    private static final JsonMetaSchema META_SCHEMA = JsonMetaSchema.builder(JsonMetaSchema.getV202012())
            .keyword(new NonValidationKeyword(CLASSIFICATION_KEYWORD))
            .build();

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.metaSchema(META_SCHEMA).defaultMetaSchemaIri(META_SCHEMA.getIri()));

    private CanonicalSchemaLoader() {
    }

    public static JsonSchema load(InputStream in, String location) throws IOException {
        JsonNode node = CanonicalJson.mapper().readTree(in);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_PATH)
                .build();
        return FACTORY.getSchema(URI.create(location.contains(":") ? location : "classpath:" + location), node, config);
    }
}
