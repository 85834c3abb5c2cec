package org.rectificationhub;

import com.fasterxml.jackson.databind.JsonNode;
import org.rectificationhub.canonical.Jackson3Trees;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * The web's JSON is Spring Boot's Jackson 3; the hub's documents are Jackson 2 trees (the ledger hashes what Jackson 2
 * writes, and JSLT and Camel speak it). Boot adds this module to its mapper, so a Jackson 2 tree in an answer is
 * written as its Jackson 3 copy: the same JSON, never a tree's getters. The API reads no JSON bodies.
 */
@Configuration(proxyBeanMethods = false)
class WebJson {

    @Bean
    JacksonModule jackson2Trees() {
        return new SimpleModule("jackson2-trees").addSerializer(JsonNode.class, new ValueSerializer<JsonNode>() {
            @Override
            public void serialize(JsonNode value, JsonGenerator gen, SerializationContext context) {
                context.writeValue(gen, Jackson3Trees.copy(value));
            }
        });
    }
}
