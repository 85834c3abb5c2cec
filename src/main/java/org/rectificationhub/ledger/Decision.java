package org.rectificationhub.ledger;

/** A rule's verdict on a document before anything is written. */
sealed interface Decision {

    Decision APPLY = new Apply();

    record Apply() implements Decision {
    }

    /** Keep in history, do not touch the current state. */
    record Stale(String note) implements Decision {
    }

    record Reject(String reason) implements Decision {
    }
}
