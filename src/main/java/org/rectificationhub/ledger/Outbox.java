package org.rectificationhub.ledger;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

    void enqueue(long entryId, Instant at) {
        OffsetDateTime createdAt = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        for (String target : TARGETS) {
            jdbc.update("insert into outbox (entry_id, target, created_at) values (?,?,?)", entryId, target, createdAt);
        }
    }
}
