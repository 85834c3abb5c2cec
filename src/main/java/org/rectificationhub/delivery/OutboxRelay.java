package org.rectificationhub.delivery;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.sql.ResultSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Delivers one target's pending outbox rows in commit order. A batch is claimed, delivered and marked in one
 * transaction that holds the rows' locks: on PostgreSQL {@code FOR UPDATE SKIP LOCKED}, so several hub instances
 * share the work and never deliver a row twice at once. A failure keeps the rows pending with their attempts, the
 * error and the time of the next attempt (exponential back-off); the target then waits, and no other target does.
 */
class OutboxRelay {

    /** What one round of the relay did. */
    /** @param drained the claim found fewer rows than a batch: nothing more waited when it was made */
    record Round(int delivered, String failure, boolean drained) {
        static final Round IDLE = new Round(0, null, true);
    }

    private final DeliveryTarget target;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final boolean postgres;
    private final int batch;
    private final Duration firstBackOff;
    private final Duration maxBackOff;
    private final Clock clock;

    OutboxRelay(DeliveryTarget target, JdbcTemplate jdbc, PlatformTransactionManager transactionManager, boolean postgres,
                int batch, Duration firstBackOff, Duration maxBackOff, Clock clock) {
        this.target = target;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.postgres = postgres;
        this.batch = batch;
        this.firstBackOff = firstBackOff;
        this.maxBackOff = maxBackOff;
        this.clock = clock;
    }

    String target() {
        return target.name();
    }

    /**
     * Claims the oldest pending batch and delivers it, unless it is backing off. Ordered by the outbox row's id,
     * which follows the chain (rows are inserted in commit order, under the ledger's lock), so the index
     * (target, delivered_at, id) yields the first rows at once; ordered by entry_id, every pending row was read and
     * sorted for each claim, and a backlog made each claim slower.
     */
    Round relayOnce() {
        return transactions.execute(tx -> {
            List<Claimed> claimed = claim();
            Instant now = clock.instant();
            if (claimed.isEmpty() || claimed.get(0).backingOffAt(now)) {
                return Round.IDLE;
            }
            try {
                target.deliver(claimed.stream().map(Claimed::entry).toList());
            } catch (Exception failure) {
                String error = failure.getClass().getSimpleName() + (failure.getMessage() == null ? ""
                        : ": " + failure.getMessage());
                error = error.length() > 1000 ? error.substring(0, 1000) : error;
                String why = error;
                jdbc.batchUpdate("update outbox set attempts = attempts + 1, last_error = ?, next_attempt_at = ?"
                        + " where id = ?", claimed.stream().map(row -> new Object[]{why,
                        at(now.plus(backOff(row.attempts() + 1))), row.id()}).toList());
                return new Round(0, error, true);
            }
            jdbc.batchUpdate("update outbox set delivered_at = ?, attempts = attempts + 1, last_error = null,"
                    + " next_attempt_at = null where id = ?", claimed.stream()
                    .map(row -> new Object[]{at(now), row.id()}).toList());
            return new Round(claimed.size(), null, claimed.size() < batch);
        });
    }

    /**
     * The oldest pending rows of the target, locked, then their entries, unlocked. Only the outbox rows are locked:
     * H2 locks every row a {@code FOR UPDATE} query reads, and locking the entries rewrote each one (its whole JSON)
     * at every claim; the entries are never updated, so reading them apart is as good. Ordered as the pending index
     * is (target, delivered_at, id), so that H2 too reads the first rows off it instead of sorting every pending row.
     */
    private List<Claimed> claim() {
        String pending = "select o.id, o.attempts, o.next_attempt_at, o.entry_id from outbox o where o.target = ?"
                + " and o.delivered_at is null order by o.target, o.delivered_at, o.id limit ?";
        RowMapper<Object[]> outboxRow = (rs, i) -> new Object[]{rs.getLong("id"), rs.getInt("attempts"),
                rs.getObject("next_attempt_at", OffsetDateTime.class), rs.getLong("entry_id")};
        List<Object[]> rows;
        if (postgres) {
            // several hub instances share the outbox: each takes rows no other holds
            rows = jdbc.query(pending + " for update of o skip locked", outboxRow, target.name(), batch);
        } else {
            // H2 locks every pending row before the limit applies (0.5 s a claim behind 50,000): find, then lock
            List<Long> ids = jdbc.query(pending, (rs, i) -> rs.getLong("id"), target.name(), batch);
            rows = ids.isEmpty() ? List.of() : jdbc.query("select o.id, o.attempts, o.next_attempt_at, o.entry_id"
                    + " from outbox o where o.id in (" + placeholders(ids.size()) + ") and o.delivered_at is null"
                    + " order by o.id for update", outboxRow, ids.toArray());
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, CommittedEntry> entries = new HashMap<>();
        jdbc.query("select id, kind, round_id, problem_no, department, received_at, applied, entry_hash,"
                + " canonical_json from ledger_entry where id in (" + placeholders(rows.size()) + ")", (ResultSet rs) -> {
            entries.put(rs.getLong("id"), new CommittedEntry(rs.getLong("id"), rs.getString("kind"),
                    rs.getString("round_id"), (Integer) rs.getObject("problem_no", Integer.class),
                    rs.getString("department"), rs.getObject("received_at", OffsetDateTime.class).toInstant(),
                    rs.getBoolean("applied"), rs.getString("entry_hash"), rs.getString("canonical_json")));
        }, rows.stream().map(row -> row[3]).toArray());
        return rows.stream().map(row -> new Claimed((Long) row[0], (Integer) row[1], (OffsetDateTime) row[2],
                entries.get((Long) row[3]))).toList();
    }

    private static String placeholders(int count) {
        return String.join(",", Collections.nCopies(count, "?"));
    }

    private Duration backOff(int attempts) {
        Duration wait = firstBackOff.multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(maxBackOff) > 0 ? maxBackOff : wait;
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private record Claimed(long id, int attempts, OffsetDateTime nextAttempt, CommittedEntry entry) {
        boolean backingOffAt(Instant now) {
            return nextAttempt != null && nextAttempt.toInstant().isAfter(now);
        }
    }
}
