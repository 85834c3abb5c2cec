package org.rectificationhub.commission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rectificationhub.canonical.CanonicalJson;

import java.time.Instant;

/**
 * The feed's records as CloudEvents 1.0 in structured mode: the envelope and the data in one JSON document, so a
 * consumer needs no Kafka headers to read one. The id is stable (a resent record has the same id), so a consumer
 * that keeps the ids it has seen drops a repeat.
 */
final class FeedEvents {

    static final String SNAPSHOT = "org.rectificationhub.round.snapshot";
    static final String ALERT = "org.rectificationhub.alert";
    static final String CHECKPOINT = "org.rectificationhub.ledger.checkpoint";
    static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    private FeedEvents() {
    }

    /** One record: its key (the roundId, or "ledger" for checkpoints) and the event as JSON text. */
    record Event(String id, String key, String json) {
    }

    static Event event(String type, String id, String source, String subject, Instant time, JsonNode data) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("specversion", "1.0");
        event.put("id", id);
        event.put("source", "urn:rectification-hub:" + source);
        event.put("type", type);
        event.put("subject", subject);
        event.put("time", time.toString());
        event.put("datacontenttype", "application/json");
        event.set("data", data);
        return new Event(id, subject, CanonicalJson.write(event));
    }
}
