package org.rectificationhub.ingest.kafka;

/** One receipt as it goes out: to its department's receipts topic, keyed by the document's updateId (or none). */
record ReceiptMessage(String department, String topic, String key, String body) {
}
