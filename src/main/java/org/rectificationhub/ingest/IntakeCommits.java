package org.rectificationhub.ingest;

import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.ledger.CommitResult;
import org.rectificationhub.ledger.Ledger;
import org.rectificationhub.ledger.Submission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import java.util.ArrayList;
import java.util.List;

/**
 * The intake's valid documents to the ledger, in transactions bounded in documents and in bytes (their canonical
 * JSON, which the ledger keeps in the entry and again in the state). Whatever the channel hands over at once (a
 * poll's files, a Kafka batch, an array of 1,000 long reports), one transaction holds no more than that: the
 * embedded database builds a transaction's changes, its undo log included, as one chunk in the heap, and eight 18 MB
 * arrays taken two at a time had it fail for want of memory and close. A transaction that committed stays committed
 * when a later one of the same inputs fails: the channel then acknowledges nothing, takes the inputs again, and the
 * ledger answers what was committed as duplicates, recorded once.
 */
@Component
class IntakeCommits {

    private static final Logger log = LoggerFactory.getLogger(IntakeCommits.class);

    private final Ledger ledger;
    private final int maxDocuments;
    private final long maxBytes;

    IntakeCommits(Ledger ledger, @Value("${hub.limits.max-transaction-documents:1000}") int maxDocuments,
                  @Value("${hub.limits.max-transaction-bytes:4MB}") DataSize maxBytes) {
        this.ledger = ledger;
        this.maxDocuments = Math.max(1, maxDocuments);
        this.maxBytes = maxBytes.toBytes();
    }

    /**
     * One result per submission, in order. The hub's own failures escape: a transient one at once, one that is not
     * (the ledger failing on a document) once the documents were tried one by one, for the channel to retry and
     * park the input it came from ({@link IsolatedIntake}), never to blame its sender.
     */
    List<CommitResult> commit(List<Submission> submissions) {
        List<CommitResult> results = new ArrayList<>(submissions.size());
        List<Submission> transaction = new ArrayList<>();
        long bytes = 0;
        for (Submission submission : submissions) {
            long size = utf8Length(CanonicalJson.write(submission.document()));
            if (!transaction.isEmpty() && (transaction.size() >= maxDocuments || bytes + size > maxBytes)) {
                results.addAll(together(transaction));
                transaction = new ArrayList<>();
                bytes = 0;
            }
            transaction.add(submission);
            bytes += size;
        }
        if (!transaction.isEmpty()) {
            results.addAll(together(transaction));
        }
        return results;
    }

    /**
     * One transaction; should the ledger fail on it as a whole (not transiently), one by one, so that a failure of
     * the batch alone does not cost its documents.
     */
    private List<CommitResult> together(List<Submission> submissions) {
        try {
            return ledger.commitAll(submissions);
        } catch (RuntimeException failure) {
            if (FailureCause.isTransient(failure)) {
                throw failure;
            }
            log.warn("The ledger failed on the batch as a whole ({}); committing its documents one by one",
                    failure.toString());
        }
        List<CommitResult> results = new ArrayList<>(submissions.size());
        for (Submission submission : submissions) {
            try {
                results.add(ledger.commit(submission));
            } catch (RuntimeException failure) {
                log.error("The ledger failed on {} of {} ({})", submission.document().updateId(), submission.source(),
                        submission.sender(), failure);
                throw failure;
            }
        }
        return results;
    }

    /** The text's size in UTF-8, as stored and sent, without encoding it. */
    static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
