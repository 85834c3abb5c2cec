package org.rectificationhub.ingest.kafka;

import org.rectificationhub.canonical.CanonicalDocument;

/**
 * One document read out of a record: either a canonical document ready for the ledger or the reason it is not.
 *
 * @param index position in the record, from 1
 */
record DocumentReading(InboundRecord record, int index, String updateId, CanonicalDocument document, String reason) {

    static DocumentReading valid(InboundRecord record, int index, CanonicalDocument document) {
        return new DocumentReading(record, index, document.updateId(), document, null);
    }

    static DocumentReading rejected(InboundRecord record, int index, String updateId, String reason) {
        return new DocumentReading(record, index, updateId, null, reason);
    }
}
