package org.rectificationhub.ingest;

import org.rectificationhub.canonical.CanonicalDocument;
import org.rectificationhub.canonical.ProgressUpdate;
import org.rectificationhub.canonical.RoundRegistration;
import org.rectificationhub.ledger.CommitResult;

/**
 * What became of one document of an input: what the sender is told (a Kafka receipt, a mail reply, a reason
 * file beside a file).
 *
 * @param index        position in the input, from 1
 * @param status       accepted, stale, duplicate, rejected or parked (the hub's fault, kept for an operator)
 * @param quarantineId the quarantine record of a rejected document
 * @param about        what the document reports on (round, problem, measure), when it could be read
 */
public record IngestOutcome(int index, String updateId, String status, Long entryId, String entryHash,
                            String reason, Long quarantineId, String about) {

    public static final String PARKED = "parked";

    public static IngestOutcome of(int index, String updateId, CanonicalDocument document, CommitResult result) {
        return new IngestOutcome(index, updateId, result.outcome().name().toLowerCase(java.util.Locale.ROOT),
                result.entryId(), result.entryHash(), result.reason(), null, about(document));
    }

    public static IngestOutcome rejected(int index, String updateId, String reason, long quarantineId) {
        return new IngestOutcome(index, updateId, "rejected", null, null, reason, quarantineId, null);
    }

    /** Kept for an operator because the hub failed on it (see {@link Parking}): neither recorded nor rejected. */
    public static IngestOutcome parked(int index, String reason, long quarantineId) {
        return new IngestOutcome(index, null, PARKED, null, null, reason, quarantineId, null);
    }

    /** "round R, problem N, measure M" or "round R (K problems)": how a reply names a document to its sender. */
    static String about(CanonicalDocument document) {
        if (document instanceof ProgressUpdate u) {
            return "round " + u.roundId() + ", problem " + u.problemNo()
                    + (u.measureSeq() == null ? "" : ", measure " + u.measureSeq());
        }
        if (document instanceof RoundRegistration r) {
            return "round " + r.roundId() + " (" + r.problems().size() + " problems)";
        }
        return null;
    }

    public boolean isRejected() {
        return "rejected".equals(status);
    }

    public boolean isParked() {
        return PARKED.equals(status);
    }
}
