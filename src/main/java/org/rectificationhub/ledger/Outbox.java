package org.rectificationhub.ledger;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * One row per committed entry and downstream target, written in the entry's own transaction: the publication
 * site and the commission feed read from here, so nothing committed can miss them.
 */
@Component
class Outbox {

    /** The publication router filters what is public itself: the outbox carries every entry to every target. */
    static final List<String> TARGETS = List.of("publication", "commission");

    private final JdbcTemplate jdbc;

    Outbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Rows of (entry_id, target, created_at), in one batched statement. */
    void insert(List<Object[]> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("insert into outbox (entry_id, target, created_at) values (?,?,?)", rows);
        }
    }
}
