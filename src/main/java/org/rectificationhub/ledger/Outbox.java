package org.rectificationhub.ledger;

import java.util.List;

/**
 * One row per committed entry and downstream target, written in the entry's own transaction: the publication
 * site and the commission feed read from here, so nothing committed can miss them.
 */
final class Outbox {

    /** The publication router filters what is public itself: the outbox carries every entry to every target. */
    static final List<String> TARGETS = List.of("publication", "commission");

    static final String INSERT = "insert into outbox (entry_id, target, created_at) values (?,?,?)";

    private Outbox() {
    }
}
