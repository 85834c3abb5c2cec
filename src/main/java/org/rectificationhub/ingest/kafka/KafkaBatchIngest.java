package org.rectificationhub.ingest.kafka;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.department.Departments;
import org.rectificationhub.ingest.IngestMetrics;
import org.rectificationhub.ledger.CommitResult;
import org.rectificationhub.ledger.Ledger;
import org.rectificationhub.ledger.Quarantine;
import org.rectificationhub.ledger.Submission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Records a polled batch (routes/kafka-inbound.camel.yaml): reads every record, commits all valid documents in one
 * ledger transaction, quarantines the rest with their record's bytes, and returns one receipt message per document.
 * A bad record never fails the batch; only an outage (database, broker) reaches the route's error handling.
 */
@Component("kafkaBatchIngest")
class KafkaBatchIngest {

    static final String CHANNEL = "kafka";
    private static final Logger log = LoggerFactory.getLogger(KafkaBatchIngest.class);

    private final RecordReader reader;
    private final Ledger ledger;
    private final Quarantine quarantine;
    private final KafkaSettings settings;
    private final Departments departments;
    private final IngestMetrics metrics;

    KafkaBatchIngest(RecordReader reader, Ledger ledger, Quarantine quarantine, KafkaSettings settings,
                     Departments departments, IngestMetrics metrics) {
        this.metrics = metrics;
        this.reader = reader;
        this.ledger = ledger;
        this.quarantine = quarantine;
        this.settings = settings;
        this.departments = departments;
    }

    public List<Message> ingest(List<Exchange> batch, CamelContext context) {
        long started = System.nanoTime();
        List<DocumentReading> readings = new ArrayList<>();
        for (Exchange exchange : batch) {
            InboundRecord record = InboundRecord.of(exchange);
            readings.addAll(reader.read(record, settings.senderOf(record.topic())));
        }
        List<DocumentReading> valid = readings.stream().filter(r -> r.document() != null).toList();
        List<CommitResult> results = commit(valid);
        Map<CommitResult.Outcome, Integer> counts = new EnumMap<>(CommitResult.Outcome.class);
        List<Message> receipts = new ArrayList<>(readings.size());
        int next = 0;
        for (DocumentReading reading : readings) {
            String reason = reading.reason();
            Receipt receipt = null;
            if (reason == null) {
                CommitResult result = results.get(next++);
                reason = result.outcome() == CommitResult.Outcome.REJECTED ? result.reason() : null;
                receipt = reason == null ? Receipt.of(reading, result) : null;
            }
            if (receipt == null) {
                receipt = Receipt.rejected(reading, reason, quarantine(reading, reason));
            }
            counts.merge(CommitResult.Outcome.valueOf(receipt.status().toUpperCase(java.util.Locale.ROOT)), 1,
                    Integer::sum);
            String sender = settings.senderOf(reading.record().topic());
            metrics.count(CHANNEL, sender, receipt.status());
            if (departments.exists(sender)) {
                receipts.add(message(context, sender, receipt));
            }
        }
        log.info("Kafka batch of {} record(s): {} in {} ms", batch.size(), counts,
                (System.nanoTime() - started) / 1_000_000);
        return receipts;
    }

    /** One transaction for the batch; should the ledger fail on one document, each is committed on its own. */
    private List<CommitResult> commit(List<DocumentReading> valid) {
        List<Submission> submissions = valid.stream().map(r -> new Submission(r.document(),
                settings.senderOf(r.record().topic()), CHANNEL, r.record().source())).toList();
        if (submissions.isEmpty()) {
            return List.of();
        }
        try {
            return ledger.commitAll(submissions);
        } catch (CannotCreateTransactionException | DataAccessResourceFailureException outage) {
            throw outage;
        } catch (RuntimeException failure) {
            log.warn("The ledger refused the batch as a whole ({}); committing its documents one by one",
                    failure.toString());
            List<CommitResult> results = new ArrayList<>(submissions.size());
            for (Submission submission : submissions) {
                results.add(commitAlone(submission));
            }
            return results;
        }
    }

    private CommitResult commitAlone(Submission submission) {
        try {
            return ledger.commit(submission);
        } catch (CannotCreateTransactionException | DataAccessResourceFailureException outage) {
            throw outage;
        } catch (RuntimeException e) {
            return new CommitResult(CommitResult.Outcome.REJECTED, null, null, "internal error while recording ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); the original is kept in quarantine for an operator");
        }
    }

    private long quarantine(DocumentReading reading, String reason) {
        InboundRecord record = reading.record();
        return quarantine.record(new Quarantine.Item(CHANNEL, settings.senderOf(record.topic()), record.source(),
                reading.index(), reading.updateId(), reason, record.value()));
    }

    private Message message(CamelContext context, String sender, Receipt receipt) {
        Message message = new DefaultMessage(context);
        message.setBody(CanonicalJson.write(receipt));
        message.setHeader(KafkaConstants.OVERRIDE_TOPIC, settings.receiptsTopic(sender));
        if (receipt.updateId() != null) {
            message.setHeader(KafkaConstants.KEY, receipt.updateId());
        }
        return message;
    }
}
