package org.rectificationhub.ingest.kafka;

import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.DefaultKafkaManualCommit;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.rectificationhub.BatchStages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Offsets of a batch: committed only as the route's last step, after the ledger transaction and the receipts.
 * A batch that ends any other way (failed, or handled by the error handling without a commit) is read again:
 * the consumer is rewound to the batch's first offsets, so nothing is skipped until the next restart.
 * <p>
 * The commit is asynchronous, all partitions of the batch in one request: waiting for the group coordinator cost a
 * round trip per partition per batch (a tenth of a batch's time), and buys nothing. What a commit lost to a crash
 * or a rebalance leaves uncommitted is read again, and the ledger records it once and answers "duplicate". The
 * consumer completes the commit on its next poll, and waits for it when it closes.
 */
@Component("kafkaOffsets")
class KafkaOffsets {

    static final String BATCH = "hubKafkaBatch";
    /** When the batch's receipts began to be sent (System.nanoTime): set by the ingest, read at the commit. */
    static final String RECEIPTS_FROM = "hubKafkaReceiptsFrom";
    private static final String COMMITTED = "hubKafkaCommitted";
    private static final Logger log = LoggerFactory.getLogger(KafkaOffsets.class);

    private final BatchStages stages;

    KafkaOffsets(BatchStages stages) {
        this.stages = stages;
    }

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
        long committing = stages.lap("receipts", exchange.getProperty(RECEIPTS_FROM, Long.class));
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Consumer<?, ?> consumer = null;
        for (Exchange last : byPartition(batch, false).values()) {
            DefaultKafkaManualCommit manual = manual(last);
            consumer = manual.getConsumer();
            offsets.put(manual.getPartition(), new OffsetAndMetadata(manual.getRecordOffset() + 1));
        }
        if (consumer != null) {
            consumer.commitAsync(offsets, KafkaOffsets::committed);
        }
        exchange.setProperty(COMMITTED, true);
        stages.lap("offsets", committing);
    }

    private static void committed(Map<TopicPartition, OffsetAndMetadata> offsets, Exception failure) {
        if (failure != null) {
            log.warn("Offsets {} not committed ({}): those records are read again and answered as duplicates",
                    offsets, failure.toString());
        }
    }

    private static void rewind(List<Exchange> batch) {
        for (Exchange first : byPartition(batch, true).values()) {
            DefaultKafkaManualCommit commit = manual(first);
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

    /** The record's partition, offset and consumer (Camel's default manual commit carries all three). */
    private static DefaultKafkaManualCommit manual(Exchange record) {
        KafkaManualCommit manual = record.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
        if (!(manual instanceof DefaultKafkaManualCommit commit)) {
            throw new IllegalStateException("no DefaultKafkaManualCommit on the record (" + manual
                    + "): the route must set allowManualCommit and keep Camel's commit factory");
        }
        return commit;
    }
}
