package org.rectificationhub.ingest.kafka;

import org.rectificationhub.OutputText;
import org.rectificationhub.canonical.CanonicalJson;

/**
 * One receipt as it goes out: to its department's receipts topic, keyed by the document's updateId (or none). What
 * the sender sent comes back in it (a reason quotes it) neutralised, as in every output.
 */
record ReceiptMessage(String department, String topic, String key, String body) {

    static ReceiptMessage of(String department, String topic, Receipt receipt) {
        return new ReceiptMessage(department, topic, OutputText.neutralise(receipt.updateId()),
                OutputText.neutralise(CanonicalJson.write(receipt)));
    }
}
