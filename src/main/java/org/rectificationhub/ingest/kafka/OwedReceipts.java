package org.rectificationhub.ingest.kafka;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Receipts the hub owes departments whose receipts topic refused them (V14), or that an operator's replay wrote
 * ({@link ReplayReceipts}): kept in the database, in order, until the topic takes them, with per department since
 * when it fails, the last error and when it is tried next (a replay's receipts are due at once, with no failure).
 * The records behind them are in the ledger and acknowledged, so nothing waits on the topic but the receipts.
 */
@Component
class OwedReceipts {

    /** One department's failing receipts topic, as operators see it. */
    record Failing(String department, String topic, Instant since, String error, int attempts, Instant nextAttempt,
                   long owed) {
    }

    record Owed(long id, ReceiptMessage receipt) {
    }

    private static final int MAX_ERROR_CHARS = 1000;

    private final JdbcTemplate jdbc;

    OwedReceipts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Departments with receipts waiting: their new receipts queue behind the old ones rather than overtake them. */
    Set<String> owing() {
        return new HashSet<>(jdbc.queryForList("select distinct department from kafka_receipt_owed", String.class));
    }

    /** Keeps the receipts (in the caller's transaction) and notes the topic's failure, if it is new. */
    void owe(String department, String topic, List<ReceiptMessage> receipts, String error, Instant now,
             Instant nextAttempt) {
        jdbc.batchUpdate("insert into kafka_receipt_owed (department, topic, receipt_key, body, owed_since)"
                + " values (?,?,?,?,?)", receipts, 500, (ps, r) -> {
            ps.setString(1, r.department());
            ps.setString(2, r.topic());
            ps.setString(3, r.key());
            ps.setString(4, r.body());
            ps.setObject(5, at(now));
        });
        if (error != null && jdbc.update("update kafka_receipt_failure set last_error = ? where department = ?",
                cut(error), department) == 0) {
            try {
                jdbc.update("insert into kafka_receipt_failure (department, topic, failing_since, last_error, attempts,"
                        + " next_attempt_at) values (?,?,?,?,?,?)", department, topic, at(now),
                        cut(error), 1, at(nextAttempt));
            } catch (DuplicateKeyException raced) {
                // another hub noted the same topic's failure at the same moment: its row stands
            }
        }
    }

    /** Departments whose owed receipts are due to be tried again (never tried, or their back-off has passed). */
    List<String> due(Instant now) {
        return jdbc.queryForList("select distinct o.department from kafka_receipt_owed o left join kafka_receipt_failure f"
                + " on f.department = o.department where f.next_attempt_at is null or f.next_attempt_at <= ?",
                String.class, at(now));
    }

    /**
     * Claims the next try of a department's receipts for this hub by moving its next attempt on: of two hubs, the
     * one whose update finds the attempt still due tries; the other finds it moved and leaves it.
     */
    boolean claim(String department, Instant now, Instant nextAttempt) {
        return jdbc.update("update kafka_receipt_failure set attempts = attempts + 1, next_attempt_at = ?"
                + " where department = ? and next_attempt_at <= ?", at(nextAttempt), department, at(now)) == 1
                || jdbc.queryForObject("select count(*) from kafka_receipt_failure where department = ?", Long.class,
                department) == 0;
    }

    int attempts(String department) {
        return jdbc.queryForList("select attempts from kafka_receipt_failure where department = ?", Integer.class,
                department).stream().findFirst().orElse(0);
    }

    List<Owed> oldest(String department, int limit) {
        return jdbc.query("select id, department, topic, receipt_key, body from kafka_receipt_owed where department = ?"
                + " order by id limit ?", (rs, i) -> new Owed(rs.getLong("id"), new ReceiptMessage(
                rs.getString("department"), rs.getString("topic"), rs.getString("receipt_key"), rs.getString("body"))),
                department, limit);
    }

    /** The receipts went out: forgotten, and the topic's failure with them once nothing more is owed. */
    void sent(String department, List<Owed> owed) {
        jdbc.batchUpdate("delete from kafka_receipt_owed where id = ?", owed, 500, (ps, o) -> ps.setLong(1, o.id()));
        jdbc.update("delete from kafka_receipt_failure where department = ? and not exists (select 1 from"
                + " kafka_receipt_owed where department = ?)", department, department);
    }

    List<Failing> failing() {
        return jdbc.query("select f.department, f.topic, f.failing_since, f.last_error, f.attempts, f.next_attempt_at,"
                + " (select count(*) from kafka_receipt_owed o where o.department = f.department) as owed"
                + " from kafka_receipt_failure f order by f.department", (rs, i) -> new Failing(
                rs.getString("department"), rs.getString("topic"),
                rs.getObject("failing_since", OffsetDateTime.class).toInstant(), rs.getString("last_error"),
                rs.getInt("attempts"), rs.getObject("next_attempt_at", OffsetDateTime.class).toInstant(),
                rs.getLong("owed")));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    private static String cut(String error) {
        return error.length() <= MAX_ERROR_CHARS ? error : error.substring(0, MAX_ERROR_CHARS - 1) + "…";
    }
}
