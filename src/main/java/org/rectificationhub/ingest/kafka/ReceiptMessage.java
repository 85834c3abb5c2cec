package org.rectificationhub.ingest.kafka;

import org.rectificationhub.canonical.CanonicalJson;

/** One receipt as it goes out: to its department's receipts topic, keyed by the document's updateId (or none). */
record ReceiptMessage(String department, String topic, String key, String body) {

    static ReceiptMessage of(String department, String topic, Receipt receipt) {
        return new ReceiptMessage(department, topic, receipt.updateId(), CanonicalJson.write(receipt));
    }
}
