package org.rectificationhub.ledger;

import org.rectificationhub.canonical.CanonicalDocument;

/**
 * A canonical document on its way into the ledger.
 *
 * @param document the document as the sender wrote it (after mapping to the canonical schema)
 * @param sender   the department the channel authenticated: the inbox folder, the Kafka topic, the mail account
 * @param channel  file, kafka, mail, ...
 * @param source   where it came from within the channel (file name, topic-partition-offset, message id)
 */
public record Submission(CanonicalDocument document, String sender, String channel, String source) {
}
