package org.rectificationhub.ingest;

import org.rectificationhub.ledger.CommitResult;

/**
 * What became of one document of an input: what the sender is told (a Kafka receipt, a mail reply, a reason
 * file beside a file).
 *
 * @param index        position in the input, from 1
 * @param status       accepted, stale, duplicate or rejected
 * @param quarantineId the quarantine record of a rejected document
 */
public record IngestOutcome(int index, String updateId, String status, Long entryId, String entryHash,
                            String reason, Long quarantineId) {

    public static IngestOutcome of(int index, String updateId, CommitResult result) {
        return new IngestOutcome(index, updateId, result.outcome().name().toLowerCase(java.util.Locale.ROOT),
                result.entryId(), result.entryHash(), result.reason(), null);
    }

    public static IngestOutcome rejected(int index, String updateId, String reason, long quarantineId) {
        return new IngestOutcome(index, updateId, "rejected", null, null, reason, quarantineId);
    }

    public boolean isRejected() {
        return "rejected".equals(status);
    }
}
