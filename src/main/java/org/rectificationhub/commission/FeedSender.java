package org.rectificationhub.commission;

import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Hands a feed record to routes/commission-feed.camel.yaml, which writes it to the topic and waits for the broker's
 * acknowledgement: a record the broker did not take throws, and the caller's transaction (snapshot numbers,
 * published marks) rolls back, so it is sent again. With the Kafka channel off the feed lives in the database only,
 * read through /api/commission.
 */
@Component
class FeedSender {

    static final String ENDPOINT = "direct:commission-feed";

    private final ProducerTemplate producer;
    private final boolean kafka;

    FeedSender(ProducerTemplate producer, @Value("${hub.kafka.enabled:true}") boolean kafka) {
        this.producer = producer;
        this.kafka = kafka;
    }

    void send(FeedEvents.Event event) {
        if (kafka) {
            producer.sendBodyAndHeaders(ENDPOINT, event.json(), Map.of(KafkaConstants.KEY, event.key(),
                    "content-type", FeedEvents.CONTENT_TYPE, "ce_id", event.id()));
        }
    }
}
