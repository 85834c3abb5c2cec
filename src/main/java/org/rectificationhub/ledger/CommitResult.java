package org.rectificationhub.ledger;

/**
 * What the ledger did with one submission.
 *
 * @param outcome   see {@link Outcome}
 * @param entryId   the ledger entry that records it (for DUPLICATE: the earlier entry), or null when rejected
 * @param entryHash that entry's hash in the chain, or null when rejected
 * @param reason    why it was rejected, or a note on a stale or duplicate document; null when simply accepted
 */
public record CommitResult(Outcome outcome, Long entryId, String entryHash, String reason) {

    public enum Outcome {
        /** Committed and applied to the current state. */
        ACCEPTED,
        /** Committed to history, but a newer sequence already defines the current state. */
        STALE,
        /** Already recorded: nothing new was written. */
        DUPLICATE,
        /** Not recorded: the reason says why. */
        REJECTED
    }

    static CommitResult accepted(long entryId, String entryHash) {
        return new CommitResult(Outcome.ACCEPTED, entryId, entryHash, null);
    }

    static CommitResult stale(long entryId, String entryHash, String note) {
        return new CommitResult(Outcome.STALE, entryId, entryHash, note);
    }

    static CommitResult duplicate(long entryId, String entryHash, String note) {
        return new CommitResult(Outcome.DUPLICATE, entryId, entryHash, note);
    }

    static CommitResult rejected(String reason) {
        return new CommitResult(Outcome.REJECTED, null, null, reason);
    }

    /** True when the ledger holds the document: committed now or earlier. */
    public boolean isRecorded() {
        return outcome != Outcome.REJECTED;
    }
}
