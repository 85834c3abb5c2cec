package org.rectificationhub.ledger;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rectificationhub.canonical.CanonicalJson;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A copy of the hub's signed checkpoints in any form the hub publishes: {@code checkpoints.jsonl} (one a line), the
 * answer of {@code GET /api/ledger/checkpoints} and the site's {@code checkpoints.json} (an object listing them under
 * "checkpoints"), and the commission feed's checkpoint events (CloudEvents, one a line or in an array; the feed's
 * other events are passed over). Read as a stream, one checkpoint at a time, so a copy of any length takes little
 * memory; what is not a checkpoint is refused naming the item and the field.
 */
public final class CheckpointCopy {

    static final String JSON_LINES = "checkpoints.jsonl (JSON lines)";
    static final String API = "GET /api/ledger/checkpoints answer";
    static final String SITE = "public site checkpoints.json";
    static final String EVENTS = "commission feed checkpoint events (CloudEvents)";
    private static final String EVENT_TYPE = "org.rectificationhub.ledger.checkpoint";
    /** One value at a time out of a longer stream: what follows it is the next value, not trailing garbage. */
    private static final ObjectReader VALUE = CanonicalJson.mapper().reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** What a copy was read as (each form met, when it mixes them) and how many checkpoints it held. */
    public record Read(String form, long checkpoints) {
    }

    private final Path source;
    private final Consumer<Checkpoint> each;
    private final Set<String> forms = new TreeSet<>();
    private long items;
    private long read;

    private CheckpointCopy(Path source, Consumer<Checkpoint> each) {
        this.source = source;
        this.each = each;
    }

    /** Every checkpoint of the copy, in the order it holds them; none when the file does not exist. */
    public static List<Checkpoint> all(Path source) {
        List<Checkpoint> all = new ArrayList<>();
        if (Files.exists(source)) {
            read(source, all::add);
        }
        return all;
    }

    /** Hands each checkpoint of the copy to {@code each}; IllegalArgumentException when it is no such copy. */
    public static Read read(Path source, Consumer<Checkpoint> each) {
        CheckpointCopy copy = new CheckpointCopy(source, each);
        try (InputStream in = Files.newInputStream(source);
             JsonParser parser = CanonicalJson.mapper().createParser(in)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.START_ARRAY) {
                    copy.elements(parser, "a JSON array");
                } else if (token == JsonToken.START_OBJECT) {
                    copy.object(parser);
                } else {
                    throw copy.refused("a " + token.asString() + " where a JSON object or array was expected");
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(source + " is not a checkpoints copy: " + e.getMessage(), e);
        }
        return new Read(copy.forms.isEmpty() ? "empty" : String.join(" and ", copy.forms), copy.read);
    }

    /** A top-level object: a listing (API, site), one event, or one checkpoint of a JSON-lines file. */
    private void object(JsonParser parser) throws IOException {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        boolean listing = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("checkpoints") && value == JsonToken.START_ARRAY) {
                listing = true;
                elements(parser, null);
            } else {
                fields.set(name, VALUE.readTree(parser));
            }
        }
        if (listing) {
            forms.add(fields.has("signedPayload") ? API : SITE);
        } else {
            item(fields, JSON_LINES);
        }
    }

    private void elements(JsonParser parser, String form) throws IOException {
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            JsonNode element = VALUE.readTree(parser);
            if (!element.isObject()) {
                throw refused("item " + (items + 1) + " is not a JSON object");
            }
            item(element, form);
        }
    }

    /** An event (only checkpoint events count) or a checkpoint as published. */
    private void item(JsonNode node, String form) {
        items++;
        if (node.has("specversion")) {
            forms.add(EVENTS);
            if (EVENT_TYPE.equals(node.path("type").asText())) {
                take(node.path("data"));
            }
            return;
        }
        if (form != null) {
            forms.add(form);
        }
        take(node);
    }

    private void take(JsonNode node) {
        try {
            Instant signedAt = Instant.parse(field(node, "time", "an ISO-8601 instant").asText());
            JsonNode position = field(node, "position", "the entry's position, a number");
            if (!position.canConvertToLong() || position.asLong() < 1) {
                throw refused("item " + items + ": 'position' is " + position + "; expected a positive number");
            }
            each.accept(new Checkpoint(position.asLong(), field(node, "headHash", "the entry's hash").asText(),
                    signedAt, field(node, "hubInstance", "the signing instance").asText(),
                    field(node, "publicKey", "the Ed25519 public key").asText(),
                    field(node, "signature", "the Ed25519 signature").asText()));
            read++;
        } catch (DateTimeParseException e) {
            throw refused("item " + items + ": 'time' is " + node.path("time") + "; expected an ISO-8601 instant");
        }
    }

    private JsonNode field(JsonNode node, String name, String expected) {
        JsonNode value = node.path(name);
        if (!value.isValueNode() || value.isNull() || value.asText().isBlank()) {
            throw refused("item " + items + " has no '" + name + "' (expected " + expected + ")");
        }
        return value;
    }

    private IllegalArgumentException refused(String why) {
        return new IllegalArgumentException(source + " is not a checkpoints copy: " + why);
    }
}
