package org.rectificationhub.ingest.kafka;

import org.apache.camel.Exchange;
import org.rectificationhub.OutputText;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.department.Departments;
import org.rectificationhub.ingest.IngestOutcome;
import org.rectificationhub.ingest.IngestReport;
import org.rectificationhub.ingest.Input;
import org.rectificationhub.ingest.IntakeLoad;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hands a polled batch to the intake, which commits it in bounded ledger transactions
 * (routes/kafka-inbound.camel.yaml), a record the hub fails on costing that record only ({@link RecordTaking}), and renders the outcomes as receipts, one per document,
 * for {@link KafkaReceipts} to send. The topic is the sender's identity.
 */
@Component("kafkaBatchIngest")
class KafkaBatchIngest {

    static final String CHANNEL = "kafka";
    private static final Logger log = LoggerFactory.getLogger(KafkaBatchIngest.class);

    private final RecordTaking taking;
    private final KafkaSettings settings;
    private final Departments departments;
    private final IntakeLoad load;
    private final int maxPollRecords;

    KafkaBatchIngest(RecordTaking taking, KafkaSettings settings, Departments departments, IntakeLoad load,
                     @Value("${hub.kafka.max-poll-records}") int maxPollRecords) {
        this.taking = taking;
        this.settings = settings;
        this.departments = departments;
        this.load = load;
        this.maxPollRecords = maxPollRecords;
    }

    public List<ReceiptMessage> ingest(List<Exchange> batch, Exchange exchange) {
        long started = System.nanoTime();
        load.batchTaken(batch.size(), maxPollRecords);
        List<InboundRecord> records = batch.stream().map(InboundRecord::of).toList();
        List<Input> inputs = records.stream().map(r -> r.toInput(settings.senderOf(r.topic()))).toList();
        List<IngestReport> reports = taking.takeAll(inputs);
        List<ReceiptMessage> receipts = new ArrayList<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < records.size(); i++) {
            InboundRecord record = records.get(i);
            String sender = inputs.get(i).sender();
            for (IngestOutcome outcome : reports.get(i).outcomes()) {
                counts.merge(outcome.status(), 1, Integer::sum);
                // A topic of no configured department has no receipts topic to answer on.
                if (departments.exists(sender)) {
                    receipts.add(message(sender, Receipt.of(record, outcome)));
                }
            }
        }
        log.info("Kafka batch of {} record(s): {} in {} ms", batch.size(), counts,
                (System.nanoTime() - started) / 1_000_000);
        exchange.setProperty(KafkaOffsets.RECEIPTS_FROM, System.nanoTime());
        return receipts;
    }

    /** What the sender sent comes back in a receipt (a reason quotes it) neutralised, as in every output. */
    private ReceiptMessage message(String sender, Receipt receipt) {
        return new ReceiptMessage(sender, settings.receiptsTopic(sender), OutputText.neutralise(receipt.updateId()),
                OutputText.neutralise(CanonicalJson.write(receipt)));
    }
}
