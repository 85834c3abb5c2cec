package org.rectificationhub.ledger;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a batch writes after its entries, as two batched statements at its end instead of three statements per
 * document: the idempotency keys and the outbox rows. Nothing in the batch reads them back from the database, and
 * the keys are looked up here first, so a document repeated within the batch is still found as a duplicate. The
 * entries themselves are written at once: the state's rows refer to them.
 */
final class BatchWrites {

    private final Map<String, EntryLog.Earlier> byUpdateId = new HashMap<>();
    private final Map<String, EntryLog.Earlier> byContent = new HashMap<>();
    private final List<Object[]> keys = new ArrayList<>();
    private final List<Object[]> outbox = new ArrayList<>();

    /** An entry of this batch recorded under the sender's updateId, else under the same content. */
    Optional<EntryLog.Earlier> earlier(String department, String updateId, String contentHash) {
        EntryLog.Earlier byId = byUpdateId.get(department + '\n' + updateId);
        return Optional.ofNullable(byId != null ? byId : byContent.get(contentHash));
    }

    void appended(ChainLink link, String entryHash) {
        EntryLog.Earlier entry = new EntryLog.Earlier(link.position(), entryHash, link.contentHash(), link.updateId());
        byUpdateId.put(link.department() + '\n' + link.updateId(), entry);
        byContent.put(link.contentHash(), entry);
        keys.add(new Object[]{link.department(), link.updateId(), link.contentHash(), link.position()});
        OffsetDateTime createdAt = OffsetDateTime.ofInstant(link.receivedAt(), ZoneOffset.UTC);
        for (String target : Outbox.TARGETS) {
            outbox.add(new Object[]{link.position(), target, createdAt});
        }
    }

    void flush(EntryLog log, Outbox outboxTable) {
        log.insertKeys(keys);
        outboxTable.insert(outbox);
    }
}
