package org.rectificationhub.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * Where the hub's two Jacksons meet. The hub's documents are Jackson 2 trees: the ledger hashes the text
 * {@link CanonicalJson} writes with Jackson 2, and JSLT and Camel read and write Jackson 2. networknt's validator reads
 * Jackson 3 (as Spring Boot 4 does for the web), so a document is copied node for node before it is checked; numbers
 * keep their exact type, so {@code 1.0} and {@code 1} are told apart as they are in the original.
 */
public final class Jackson3Trees {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Jackson3Trees() {
    }

    public static tools.jackson.databind.JsonNode copy(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> object(node);
            case ARRAY -> array(node);
            case STRING -> NODES.stringNode(node.textValue());
            case BOOLEAN -> NODES.booleanNode(node.booleanValue());
            case NUMBER -> number(node);
            case BINARY -> NODES.binaryNode(binary(node));
            case NULL -> NODES.nullNode();
            // neither comes of reading JSON: a tree holding one is the hub's own mistake, not the sender's
            case MISSING, POJO -> throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        };
    }

    private static ObjectNode object(JsonNode node) {
        ObjectNode copy = NODES.objectNode();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            copy.set(field.getKey(), copy(field.getValue()));
        }
        return copy;
    }

    private static ArrayNode array(JsonNode node) {
        ArrayNode copy = NODES.arrayNode(node.size());
        for (JsonNode element : node) {
            copy.add(copy(element));
        }
        return copy;
    }

    private static tools.jackson.databind.JsonNode number(JsonNode node) {
        return switch (node.numberType()) {
            case INT -> NODES.numberNode(node.intValue());
            case LONG -> NODES.numberNode(node.longValue());
            case BIG_INTEGER -> NODES.numberNode(node.bigIntegerValue());
            case FLOAT -> NODES.numberNode(node.floatValue());
            case DOUBLE -> NODES.numberNode(node.doubleValue());
            case BIG_DECIMAL -> NODES.numberNode(node.decimalValue());
        };
    }

    private static byte[] binary(JsonNode node) {
        try {
            return node.binaryValue();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
