package org.rectificationhub.ingest.kafka;

import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommit;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Offsets of a batch: committed only as the route's last step, after the ledger transaction and the receipts.
 * A batch that ends any other way (failed, or handled by the error handling without a commit) is read again:
 * the consumer is rewound to the batch's first offsets, so nothing is skipped until the next restart.
 */
@Component("kafkaOffsets")
class KafkaOffsets {

    static final String BATCH = "hubKafkaBatch";
    private static final String COMMITTED = "hubKafkaCommitted";
    private static final Logger log = LoggerFactory.getLogger(KafkaOffsets.class);

    /** Keeps the batch for the commit and arranges the rewind. */
    public void hold(List<Exchange> batch, Exchange exchange) {
        exchange.setProperty(BATCH, List.copyOf(batch));
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                if (!Boolean.TRUE.equals(done.getProperty(COMMITTED))) {
                    rewind(batch);
                }
            }
        });
    }

    public void commit(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<Exchange> batch = exchange.getProperty(BATCH, List.class);
        for (Exchange last : byPartition(batch, false).values()) {
            manual(last).commit();
        }
        exchange.setProperty(COMMITTED, true);
    }

    private static void rewind(List<Exchange> batch) {
        for (Exchange first : byPartition(batch, true).values()) {
            KafkaManualCommit manual = manual(first);
            if (manual instanceof DefaultKafkaManualCommit commit) {
                try {
                    commit.getConsumer().seek(commit.getPartition(), commit.getRecordOffset());
                    log.warn("Batch not recorded: {} will be read again from offset {}", commit.getPartition(),
                            commit.getRecordOffset());
                } catch (RuntimeException e) {
                    log.warn("Batch not recorded; cannot rewind {} ({}): it is read again after a rebalance or restart",
                            commit.getPartition(), e.toString());
                }
            }
        }
    }

    /** The first (or last) record of each partition in the batch. */
    private static Map<String, Exchange> byPartition(List<Exchange> batch, boolean first) {
        Map<String, Exchange> result = new LinkedHashMap<>();
        for (Exchange record : batch) {
            String key = record.getMessage().getHeader(KafkaConstants.TOPIC) + "-"
                    + record.getMessage().getHeader(KafkaConstants.PARTITION);
            if (!first || !result.containsKey(key)) {
                result.put(key, record);
            }
        }
        return result;
    }

    private static KafkaManualCommit manual(Exchange record) {
        KafkaManualCommit manual = record.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
        if (manual == null) {
            throw new IllegalStateException("no KafkaManualCommit on the record: the route must set allowManualCommit");
        }
        return manual;
    }
}
