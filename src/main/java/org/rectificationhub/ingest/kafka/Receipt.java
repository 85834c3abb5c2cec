package org.rectificationhub.ingest.kafka;

import org.rectificationhub.ingest.IngestOutcome;

/**
 * What the sender is told about one document it sent, on rectification.receipts.&lt;department&gt;: accepted or
 * stale (the ledger entry and its hash), duplicate (the earlier entry) or rejected (the reason, the quarantine id).
 * A record the hub itself failed on is parked (the reason, the quarantine id): not the sender's fault, kept for an
 * operator to replay, never a rejection.
 *
 * @param document position of the document in the record, from 1 (records may carry an array); 0 for a parked
 *                 record, which is kept whole
 */
record Receipt(String topic, int partition, long offset, int document, String updateId, String status,
               Long entryId, String entryHash, String reason, Long quarantineId) {

    static Receipt of(InboundRecord record, IngestOutcome outcome) {
        return new Receipt(record.topic(), record.partition(), record.offset(), outcome.index(), outcome.updateId(),
                outcome.status(), outcome.entryId(), outcome.entryHash(), outcome.reason(), outcome.quarantineId());
    }
}
