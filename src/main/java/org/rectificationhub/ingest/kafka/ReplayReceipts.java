package org.rectificationhub.ingest.kafka;

import org.rectificationhub.department.Departments;
import org.rectificationhub.ingest.Input;
import org.rectificationhub.ingest.Retaken;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A record an operator replayed from quarantine (parked by the hub, or rejected and since mended) gets a receipt
 * again, in the same format, on its department's receipts topic: its sender was told "parked" or "rejected" and
 * now learns what came of it. The receipts are kept as owed in the replay's own transaction ({@link OwedReceipts}),
 * so they go out once it commits (route kafka-receipts-owed, at once, in order with the department's other
 * receipts) and never for a replay that did not.
 */
@Component
class ReplayReceipts {

    private final KafkaSettings settings;
    private final Departments departments;
    private final OwedReceipts owed;
    private final Clock clock;

    ReplayReceipts(KafkaSettings settings, Departments departments, OwedReceipts owed, Clock clock) {
        this.settings = settings;
        this.departments = departments;
        this.owed = owed;
        this.clock = clock;
    }

    @EventListener
    void replayed(Retaken retaken) {
        Input input = retaken.input();
        Optional<InboundRecord> record = InboundRecord.ofSource(input.source());
        if (!KafkaBatchIngest.CHANNEL.equals(input.channel()) || record.isEmpty()
                || !departments.exists(input.sender())) {
            return; // another channel's input, or a topic of no department: no receipts topic to answer on
        }
        List<ReceiptMessage> receipts = retaken.outcomes().stream()
                .map(outcome -> ReceiptMessage.of(input.sender(), settings.receiptsTopic(input.sender()),
                        Receipt.of(record.get(), outcome)))
                .toList();
        Instant now = clock.instant();
        owed.owe(input.sender(), settings.receiptsTopic(input.sender()), receipts, null, now, now);
    }
}
