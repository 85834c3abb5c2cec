package org.rectificationhub.ingest.kafka;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;

import java.util.Map;

/** One polled record of a batch, as far as the hub cares. */
record InboundRecord(String topic, int partition, long offset, byte[] value, Map<String, Object> headers) {

    static InboundRecord of(Exchange record) {
        Message message = record.getMessage();
        return new InboundRecord(message.getHeader(KafkaConstants.TOPIC, String.class),
                message.getHeader(KafkaConstants.PARTITION, Integer.class),
                message.getHeader(KafkaConstants.OFFSET, Long.class),
                message.getBody(byte[].class), message.getHeaders());
    }

    /** Where the record came from, as the ledger and the quarantine note it. */
    String source() {
        return topic + "-" + partition + "@" + offset;
    }
}
