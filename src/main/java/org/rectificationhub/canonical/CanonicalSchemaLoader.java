package org.rectificationhub.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jsonvalidator.JsonUriSchemaLoader;
import org.apache.camel.support.ResourceHelper;
import org.springframework.stereotype.Component;

import java.io.InputStream;
import java.net.URI;

/**
 * Loads the canonical schemas for camel-json-validator: draft 2020-12, with {@code format} asserted (a date must
 * be a date) and x-classification known as an annotation rather than an unknown keyword.
 */
@Component("canonicalSchemaLoader")
public class CanonicalSchemaLoader implements JsonUriSchemaLoader {

    public static final String CLASSIFICATION_KEYWORD = "x-classification";

    private static final JsonMetaSchema META_SCHEMA = JsonMetaSchema.builder(JsonMetaSchema.getV202012())
            .keyword(new NonValidationKeyword(CLASSIFICATION_KEYWORD))
            .build();

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.metaSchema(META_SCHEMA).defaultMetaSchemaIri(META_SCHEMA.getIri()));

    @Override
    public JsonSchema createSchema(CamelContext context, String resourceUri) throws Exception {
        try (InputStream in = ResourceHelper.resolveMandatoryResourceAsInputStream(context, resourceUri)) {
            return load(in, resourceUri);
        }
    }

    /** Also used outside Camel, by the contract test and the parse command. */
    public static JsonSchema load(InputStream in, String location) throws java.io.IOException {
        JsonNode node = CanonicalJson.mapper().readTree(in);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(com.networknt.schema.PathType.JSON_PATH)
                .build();
        return FACTORY.getSchema(URI.create(location.contains(":") ? location : "classpath:" + location), node, config);
    }
}
