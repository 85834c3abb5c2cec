package org.rectificationhub.delivery;

import org.rectificationhub.Retries;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Delivers one target's pending outbox rows in commit order. A batch is claimed, delivered and marked in one
 * transaction that holds the rows' locks: on PostgreSQL {@code FOR UPDATE SKIP LOCKED}, so several hub instances
 * share the work and never deliver a row twice at once. A batch the target refuses is delivered again round by round
 * (each in a savepoint, so a round's partial writes go with it): the rounds that fail keep their rows pending with
 * the error and a back-off of their own, parked after {@link Retries#parks}, and the other rounds are delivered.
 * Rows backing off or parked are not claimed: they hold back nothing.
 */
class OutboxRelay {

    /**
     * @param drained      the claim found fewer rows than a batch: nothing more waited when it was made
     * @param targetRefused several rounds were in the batch and the target took none: it looks down, not one round
     */
    record Round(int delivered, String failure, boolean drained, boolean targetRefused) {
        static final Round IDLE = new Round(0, null, true, false);
    }

    private final DeliveryTarget target;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final TransactionTemplate savepoints;
    private final boolean postgres;
    private final int batch;
    private final Retries retries;
    private final Clock clock;

    OutboxRelay(DeliveryTarget target, JdbcTemplate jdbc, PlatformTransactionManager transactionManager, boolean postgres,
                int batch, Retries retries, Clock clock) {
        this.target = target;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.savepoints = new TransactionTemplate(transactionManager);
        this.savepoints.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.postgres = postgres;
        this.batch = batch;
        this.retries = retries;
        this.clock = clock;
    }

    String target() {
        return target.name();
    }

    /** Claims the oldest batch that is due and delivers it; a round that fails is marked, the others delivered. */
    Round relayOnce() {
        return transactions.execute(tx -> {
            Instant now = clock.instant();
            List<Claimed> claimed = claim(now);
            if (claimed.isEmpty()) {
                return Round.IDLE;
            }
            boolean drained = claimed.size() < batch;
            String failure = attempt(claimed);
            if (failure == null) {
                delivered(claimed, now);
                return new Round(claimed.size(), null, drained, false);
            }
            Map<String, List<Claimed>> rounds = new LinkedHashMap<>();
            claimed.forEach(row -> rounds.computeIfAbsent(row.entry().roundId(), r -> new ArrayList<>())
                    .add(row));
            int delivered = 0;
            for (List<Claimed> round : rounds.values()) {
                String error = rounds.size() == 1 ? failure : attempt(round);
                if (error == null) {
                    delivered(round, now);
                    delivered += round.size();
                } else {
                    failed(round, error, now);
                }
            }
            return new Round(delivered, failure, drained, delivered == 0 && rounds.size() > 1);
        });
    }

    /** Hands the rows' entries to the target in a savepoint: null when it took them, else why not. */
    private String attempt(List<Claimed> rows) {
        try {
            savepoints.executeWithoutResult(sp -> {
                try {
                    target.deliver(rows.stream().map(Claimed::entry).toList());
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new TargetFailed(e);
                }
            });
            return null;
        } catch (TargetFailed e) {
            return Retries.error(e.getCause());
        } catch (RuntimeException e) {
            return Retries.error(e);
        }
    }

    /**
     * Marks the rows delivered; the same rounds' rows still backing off follow at once: a round delivered is a round
     * mended (an operator replayed one of its entries, say), and its others need not wait out their back-off.
     */
    private void delivered(Collection<Claimed> rows, Instant now) {
        jdbc.batchUpdate("update outbox set delivered_at = ?, attempts = attempts + 1, last_error = null,"
                + " next_attempt_at = null, failing_since = null where id = ?", rows.stream()
                .map(row -> new Object[]{at(now), row.id()}).toList());
        List<Object> rounds = rows.stream().map(row -> (Object) row.entry().roundId()).distinct().toList();
        List<Object> args = new ArrayList<>(List.of(target.name()));
        args.addAll(rounds);
        jdbc.update("update outbox set next_attempt_at = null where target = ? and next_attempt_at is not null"
                + " and delivered_at is null and parked_at is null and exists (select 1 from ledger_entry e"
                + " where e.id = outbox.entry_id and e.round_id in (" + placeholders(rounds.size()) + "))",
                args.toArray());
    }

    private void failed(Collection<Claimed> rows, String error, Instant now) {
        jdbc.batchUpdate("update outbox set attempts = attempts + 1, last_error = ?, next_attempt_at = ?,"
                + " failing_since = coalesce(failing_since, ?), parked_at = ? where id = ?", rows.stream()
                .map(row -> new Object[]{error, at(now.plus(retries.backOff(row.attempts() + 1))), at(now),
                        retries.parks(row.attempts() + 1) ? at(now) : null, row.id()}).toList());
    }

    /**
     * The oldest due rows of the target, locked, then their entries, unlocked. Only the outbox rows are locked:
     * H2 locks every row a {@code FOR UPDATE} query reads, and locking the entries rewrote each one (its whole JSON)
     * at every claim; the entries are never updated, so reading them apart is as good. Ordered as the pending index
     * is (target, delivered_at, id), so that H2 too reads the first rows off it instead of sorting every pending row.
     */
    private List<Claimed> claim(Instant now) {
        String pending = "select o.id, o.attempts, o.entry_id from outbox o where o.target = ?"
                + " and o.delivered_at is null and o.parked_at is null"
                + " and (o.next_attempt_at is null or o.next_attempt_at <= ?)"
                + " order by o.target, o.delivered_at, o.id limit ?";
        RowMapper<long[]> outboxRow = (rs, i) -> new long[]{rs.getLong("id"), rs.getInt("attempts"),
                rs.getLong("entry_id")};
        List<long[]> rows;
        if (postgres) {
            // several hub instances share the outbox: each takes rows no other holds
            rows = jdbc.query(pending + " for update of o skip locked", outboxRow, target.name(), at(now), batch);
        } else {
            // H2 locks every pending row before the limit applies (0.5 s a claim behind 50,000): find, then lock
            List<Long> ids = jdbc.query(pending, (rs, i) -> rs.getLong("id"), target.name(), at(now), batch);
            rows = ids.isEmpty() ? List.of() : jdbc.query("select o.id, o.attempts, o.entry_id from outbox o"
                    + " where o.id in (" + placeholders(ids.size()) + ") and o.delivered_at is null"
                    + " and o.parked_at is null order by o.id for update", outboxRow, ids.toArray());
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
        }, rows.stream().map(row -> row[2]).toArray());
        return rows.stream().map(row -> new Claimed(row[0], (int) row[1], entries.get(row[2]))).toList();
    }

    private static String placeholders(int count) {
        return String.join(",", Collections.nCopies(count, "?"));
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private record Claimed(long id, int attempts, CommittedEntry entry) {
    }

    /** A checked exception from the target, carried out of the savepoint's callback. */
    private static final class TargetFailed extends RuntimeException {
        TargetFailed(Exception cause) {
            super(cause);
        }
    }
}
