package org.rectificationhub.ingest.kafka;

import org.rectificationhub.ledger.CommitResult;

import java.util.Locale;

/**
 * What the sender is told about one document it sent, on rectification.receipts.&lt;department&gt;: accepted or
 * stale (the ledger entry and its hash), duplicate (the earlier entry) or rejected (the reason, the quarantine id).
 *
 * @param document position of the document in the record, from 1 (records may carry an array)
 */
record Receipt(String topic, int partition, long offset, int document, String updateId, String status,
               Long entryId, String entryHash, String reason, Long quarantineId) {

    static Receipt of(DocumentReading reading, CommitResult result) {
        InboundRecord r = reading.record();
        return new Receipt(r.topic(), r.partition(), r.offset(), reading.index(), reading.updateId(),
                result.outcome().name().toLowerCase(Locale.ROOT), result.entryId(), result.entryHash(),
                result.reason(), null);
    }

    static Receipt rejected(DocumentReading reading, String reason, long quarantineId) {
        InboundRecord r = reading.record();
        return new Receipt(r.topic(), r.partition(), r.offset(), reading.index(), reading.updateId(), "rejected",
                null, null, reason, quarantineId);
    }
}
