package org.rectificationhub.ingest.kafka;

import org.rectificationhub.Retries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A batch's receipts, sent after its ledger commit and before its offsets are (routes/kafka-inbound.camel.yaml).
 * A department whose receipts topic refuses them is owed them ({@link OwedReceipts}): they are kept in the
 * database, the batch's offsets move on, and they are sent again with back-off until the topic takes them; the
 * other departments' receipts go out as ever. Only a failure to keep them (the hub's database) fails the batch,
 * which is then read again.
 */
@Component("kafkaReceipts")
class KafkaReceipts {

    private static final Logger log = LoggerFactory.getLogger(KafkaReceipts.class);
    private static final int RESEND_AT_MOST = 500;

    private final ReceiptProducer producer;
    private final OwedReceipts owed;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Retries retries;

    /** @param retries the back-off of a failing delivery: a receipts topic is one of the hub's outputs */
    KafkaReceipts(ReceiptProducer producer, OwedReceipts owed, PlatformTransactionManager transactionManager,
                  Clock clock, Retries retries) {
        this.producer = producer;
        this.owed = owed;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.retries = retries;
    }

    /** Sends the receipts of departments that owe none; keeps the others' (and those refused now) as owed. */
    public void send(List<ReceiptMessage> receipts) {
        if (receipts.isEmpty()) {
            return;
        }
        Set<String> owing = owed.owing();
        Map<String, List<ReceiptMessage>> queued = new LinkedHashMap<>();
        List<ReceiptMessage> now = new ArrayList<>(receipts.size());
        for (ReceiptMessage receipt : receipts) {
            if (owing.contains(receipt.department())) {
                queued.computeIfAbsent(receipt.department(), d -> new ArrayList<>()).add(receipt);
            } else {
                now.add(receipt);
            }
        }
        Map<String, Exception> refused = producer.send(now);
        Map<String, String> errors = new LinkedHashMap<>();
        for (ReceiptMessage receipt : now) {
            Exception error = refused.get(receipt.department());
            if (error != null) {
                queued.computeIfAbsent(receipt.department(), d -> new ArrayList<>()).add(receipt);
                errors.put(receipt.department(), error.toString());
            }
        }
        if (queued.isEmpty()) {
            return;
        }
        Instant at = clock.instant();
        transactions.executeWithoutResult(tx -> queued.forEach((department, kept) ->
                owed.owe(department, kept.get(0).topic(), kept, errors.get(department), at,
                        at.plus(retries.backOff(1)))));
        errors.forEach((department, error) -> log.warn("Receipts topic of {} refused its receipts ({}): kept,"
                + " sent again with back-off; its records are recorded and their offsets move on", department, error));
    }

    /** Sends owed receipts whose back-off has passed, department by department (a timer route). */
    public void resendDue() {
        for (String department : owed.due(clock.instant())) {
            Instant at = clock.instant();
            if (!owed.claim(department, at, at.plus(retries.backOff(owed.attempts(department) + 1)))) {
                continue; // another hub is on it
            }
            List<OwedReceipts.Owed> oldest = owed.oldest(department, RESEND_AT_MOST);
            if (oldest.isEmpty()) {
                continue; // sent by another hub meanwhile
            }
            Exception refused = producer.send(oldest.stream().map(OwedReceipts.Owed::receipt).toList())
                    .get(department);
            if (refused == null) {
                transactions.executeWithoutResult(tx -> owed.sent(department, oldest));
                log.info("Sent {} owed receipt(s) to {}", oldest.size(), department);
            } else {
                transactions.executeWithoutResult(tx -> owed.owe(department, oldest.get(0).receipt().topic(), List.of(),
                        refused.toString(), at, at.plus(retries.backOff(1))));
                log.warn("Receipts topic of {} still refuses its receipts ({}); tried again later", department,
                        refused.toString());
            }
        }
    }

    List<OwedReceipts.Failing> failing() {
        return owed.failing();
    }
}
