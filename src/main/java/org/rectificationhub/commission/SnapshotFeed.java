package org.rectificationhub.commission;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.ledger.LedgerQueries;
import org.rectificationhub.ledger.RoundReports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One consolidated snapshot per round once its first unsent change has waited the window: a burst of updates gives
 * one snapshot, not one per update. A snapshot lists the entries it is the first to include (ids and hashes), takes
 * the round's whole state from the ledger at that moment, and is numbered per round. Numbering, listing and storing
 * happen in one transaction, under the lock of the round's waiting entries (two hubs never take the same one); the
 * stored snapshot is then sent as stored by {@link SnapshotSends}. A round whose last snapshot has not gone out yet
 * gets no next one: its changes wait, and the next snapshot, once it goes, holds them all, in order.
 */
@Component
class SnapshotFeed {

    private static final Logger log = LoggerFactory.getLogger(SnapshotFeed.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final LedgerQueries queries;
    private final CommissionSettings settings;
    private final Clock clock;
    /** Each round's accountability actions, read on from the last report seen: a snapshot no longer re-reads them. */
    private final RoundReports actions;

    SnapshotFeed(JdbcTemplate jdbc, PlatformTransactionManager transactions, LedgerQueries queries,
                 CommissionSettings settings, Clock clock,
                 @Value("${hub.commission.history-cache:50000}") int historyCache) {
        this.actions = RoundSnapshot.reading(queries, historyCache);
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.queries = queries;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Takes a snapshot of every round whose oldest waiting change is older than the window and whose snapshots have
     * all gone out; how many were taken. A round that cannot be read is logged and left for the next tick.
     */
    int takeDue() {
        Instant cutoff = clock.instant().minus(settings.window());
        List<String> due = jdbc.queryForList("select round_id from commission_entry where snapshot_no is null"
                + " group by round_id having min(handed_at) <= ? order by round_id", String.class,
                Timestamp.from(cutoff));
        int taken = 0;
        for (String roundId : due) {
            try {
                if (Boolean.TRUE.equals(transactions.execute(tx -> take(roundId)))) {
                    taken++;
                }
            } catch (RuntimeException e) {
                log.warn("Could not take a snapshot of round {}, tried again next tick: {}", roundId, e.toString());
            }
        }
        return taken;
    }

    private boolean take(String roundId) {
        List<Map<String, Object>> waiting = jdbc.queryForList("select entry_id, entry_hash from commission_entry"
                + " where round_id = ? and snapshot_no is null order by entry_id for update", roundId);
        if (waiting.isEmpty() || jdbc.queryForObject("select count(*) from commission_snapshot where round_id = ?"
                + " and sent_at is null", Integer.class, roundId) > 0) {
            return false;
        }
        Optional<ObjectNode> state = RoundSnapshot.state(queries, roundId, () -> actions.of(roundId));
        if (state.isEmpty()) {
            return false;
        }
        int number = jdbc.queryForObject("select coalesce(max(snapshot_no), 0) + 1 from commission_snapshot"
                + " where round_id = ?", Integer.class, roundId);
        long through = ((Number) waiting.get(waiting.size() - 1).get("entry_id")).longValue();
        Instant now = clock.instant();
        ObjectNode snapshot = JsonNodeFactory.instance.objectNode();
        snapshot.put("roundId", roundId).put("snapshotNo", number).put("takenAt", now.toString())
                .put("throughEntry", through);
        ArrayNode entries = snapshot.putArray("entries");
        waiting.forEach(w -> entries.addObject().put("entryId", ((Number) w.get("entry_id")).longValue())
                .put("entryHash", String.valueOf(w.get("entry_hash")).strip()));
        snapshot.setAll(state.get());
        jdbc.update("insert into commission_snapshot (round_id, snapshot_no, created_at, through_entry, snapshot_json)"
                + " values (?,?,?,?,?)", roundId, number, Timestamp.from(now), through, CanonicalJson.write(snapshot));
        jdbc.update("update commission_entry set snapshot_no = ? where round_id = ? and snapshot_no is null"
                + " and entry_id <= ?", number, roundId, through);
        return true;
    }

    /** The latest snapshot sent for a round. */
    Optional<String> latest(String roundId) {
        return jdbc.queryForList("select snapshot_json from commission_snapshot where round_id = ?"
                + " and sent_at is not null order by snapshot_no desc limit 1", String.class, roundId).stream()
                .findFirst();
    }

    /** Per round: its latest sent snapshot's number and time. */
    List<Map<String, Object>> rounds() {
        return jdbc.queryForList("select round_id as \"roundId\", max(snapshot_no) as \"latestSnapshot\","
                + " max(created_at) as \"takenAt\" from commission_snapshot where sent_at is not null"
                + " group by round_id order by round_id");
    }
}
