package org.rectificationhub.ingest.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Kafka channel's settings (prefix {@code hub.kafka}); client security settings go to camel.component.kafka.*.
 *
 * @param enabled          false leaves the Kafka routes stopped and starts no broker (tests of other channels)
 * @param port             the standalone broker's client port
 * @param controllerPort   the standalone broker's KRaft controller port
 * @param partitions       partitions of the topics the standalone broker creates
 * @param inboundPrefix    rectification.updates.&lt;department&gt;: the topic is the sender's identity
 * @param receiptsPrefix   rectification.receipts.&lt;department&gt;: one receipt per document received
 * @param groupId          the hub's consumer group (the route reads the same key): its offsets are the hub's
 *                         progress through each topic
 */
@ConfigurationProperties("hub.kafka")
record KafkaSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("9092") int port,
        @DefaultValue("9093") int controllerPort,
        @DefaultValue("3") int partitions,
        @DefaultValue("rectification.updates.") String inboundPrefix,
        @DefaultValue("rectification.receipts.") String receiptsPrefix,
        @DefaultValue("rectification-hub") String groupId) {

    String inboundTopic(String department) {
        return inboundPrefix + department;
    }

    String receiptsTopic(String department) {
        return receiptsPrefix + department;
    }

    /** The department a topic names, or null for a topic outside the inbound prefix. */
    String senderOf(String topic) {
        return topic != null && topic.startsWith(inboundPrefix) && topic.length() > inboundPrefix.length()
                ? topic.substring(inboundPrefix.length()) : null;
    }
}
