package org.rectificationhub.ingest.kafka;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.rectificationhub.ingest.Input;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One polled record of a batch, as far as the hub cares. */
record InboundRecord(String topic, int partition, long offset, byte[] value, Map<String, Object> headers) {

    static InboundRecord of(Exchange record) {
        Message message = record.getMessage();
        return new InboundRecord(message.getHeader(KafkaConstants.TOPIC, String.class),
                message.getHeader(KafkaConstants.PARTITION, Integer.class),
                message.getHeader(KafkaConstants.OFFSET, Long.class),
                message.getBody(byte[].class), message.getHeaders());
    }

    /** The record a source names (topic-partition@offset, as {@link #source()} writes it), without its content. */
    static Optional<InboundRecord> ofSource(String source) {
        int at = source == null ? -1 : source.lastIndexOf('@');
        int dash = at < 0 ? -1 : source.lastIndexOf('-', at);
        if (dash <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new InboundRecord(source.substring(0, dash),
                    Integer.parseInt(source.substring(dash + 1, at)), Long.parseLong(source.substring(at + 1)),
                    null, Map.of()));
        } catch (NumberFormatException notARecord) {
            return Optional.empty();
        }
    }

    /** Where the record came from, as the ledger and the quarantine note it. */
    String source() {
        return topic + "-" + partition + "@" + offset;
    }

    /** The record as the intake takes it: nameless (told by content), with the sender's own headers only. */
    Input toInput(String sender) {
        Map<String, String> own = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (!name.startsWith("kafka.") && !name.startsWith("Camel")) {
                own.put(name, value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                        : String.valueOf(value));
            }
        });
        Input input = Input.of(KafkaBatchIngest.CHANNEL, sender, source(), value, null, own);
        // the record's own timestamp: a notice or ledger read again (offsets not yet committed) reads the same
        return headers.get(KafkaConstants.TIMESTAMP) instanceof Long timestamp
                ? input.at(java.time.Instant.ofEpochMilli(timestamp)) : input;
    }
}
