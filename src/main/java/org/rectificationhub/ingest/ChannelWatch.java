package org.rectificationhub.ingest;

/**
 * What a channel tells the operators about itself: whether it runs and what waits to be taken, per department.
 * Each channel answers from its own package (the broker's offsets, the mailbox, the inbox folders), so the console
 * needs none of a channel's internals.
 */
public interface ChannelWatch {

    /** The channel's name as the ledger and the metrics write it: file, kafka, mail. */
    String channel();

    /**
     * What waits now. Never throws: a channel whose server cannot be asked says so in its answer. A channel that
     * asks a server answers from a short cache, so the server is asked at most every few seconds.
     */
    Backlog backlog();
}
