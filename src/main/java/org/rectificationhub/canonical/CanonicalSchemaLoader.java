package org.rectificationhub.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.PathType;

import java.io.InputStream;
import java.util.List;

/**
 * Loads the canonical schemas: draft 2020-12 (networknt), with {@code format} asserted (a date must be a date) and
 * x-classification known as an annotation rather than an unknown keyword. networknt reads the schemas with its own
 * Jackson 3; the documents it checks arrive as the hub's Jackson 2 trees (see {@link Jackson3Trees}).
 */
public final class CanonicalSchemaLoader {

    public static final String CLASSIFICATION_KEYWORD = "x-classification";

    private static final Dialect DIALECT = Dialect.builder(Dialects.getDraft202012())
            .keyword(new NonValidationKeyword(CLASSIFICATION_KEYWORD))
            .build();

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(DIALECT,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .formatAssertionsEnabled(true)
                    .pathType(PathType.JSON_PATH)
                    .build()));

    private CanonicalSchemaLoader() {
    }

    public static Schema load(InputStream in, String location) {
        return REGISTRY.getSchema(SchemaLocation.of(location.contains(":") ? location : "classpath:" + location),
                in, InputFormat.JSON);
    }

    /** What is wrong with a document (a Jackson 2 tree, as the hub holds them) against one schema. */
    public static List<Error> violations(Schema schema, JsonNode document) {
        return schema.validate(Jackson3Trees.copy(document));
    }
}
