package org.rectificationhub.delivery;

import java.util.List;

/**
 * A downstream target the outbox relay delivers committed ledger entries to: the publication site, the
 * commission feed. One bean per target; its name is the outbox row's target.
 */
public interface DeliveryTarget {

    /** The outbox target this delivers: "publication", "commission". */
    String name();

    /**
     * Delivers committed entries, in commit order. Must be idempotent by entry id: after a crash or a replay the
     * same entries may come again. Throwing leaves them pending, to be retried with back-off.
     */
    void deliver(List<CommittedEntry> entries) throws Exception;

    /** What the target holds beyond its outbox rows that failed to go on (retried or parked), newest first. */
    default List<HeldItem> failedItems(int limit) {
        return List.of();
    }

    /**
     * An operator's replay, for what the target holds beyond the outbox rows: sends again what it made of these
     * entries, or, with none given, every failed and parked item now. Returns how many items go out again.
     */
    default int resend(List<Long> entryIds) {
        return 0;
    }
}
