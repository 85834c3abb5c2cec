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
}
