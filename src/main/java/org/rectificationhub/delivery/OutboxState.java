package org.rectificationhub.delivery;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the outbox holds per target: for metrics, health and the operators' API. */
class OutboxState {

    private final JdbcTemplate jdbc;

    OutboxState(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long pending(String target) {
        return jdbc.queryForObject("select count(*) from outbox where target = ? and delivered_at is null", Long.class,
                target);
    }

    /** Tried and still not delivered. */
    long failed(String target) {
        return jdbc.queryForObject("select count(*) from outbox where target = ? and delivered_at is null"
                + " and attempts > 0", Long.class, target);
    }

    double oldestPendingAgeSeconds(String target, Clock clock) {
        List<OffsetDateTime> oldest = jdbc.queryForList("select min(created_at) from outbox where target = ? and"
                + " delivered_at is null", OffsetDateTime.class, target);
        return oldest.isEmpty() || oldest.get(0) == null ? 0
                : Duration.between(oldest.get(0).toInstant(), clock.instant()).toMillis() / 1000.0;
    }

    /** pending (not yet tried), failed (tried, still pending) or delivered rows, newest first, bounded. */
    List<Map<String, Object>> rows(String target, String state, int limit) {
        String where = switch (state) {
            case "delivered" -> "o.delivered_at is not null";
            case "failed" -> "o.delivered_at is null and o.attempts > 0";
            default -> "o.delivered_at is null";
        };
        return jdbc.query("select o.entry_id, e.round_id, o.target, o.created_at, o.delivered_at, o.attempts,"
                + " o.last_error, o.next_attempt_at from outbox o join ledger_entry e on e.id = o.entry_id"
                + " where o.target = ? and " + where + " order by o.entry_id desc limit ?", (rs, i) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("entryId", rs.getLong("entry_id"));
            row.put("roundId", rs.getString("round_id"));
            row.put("target", rs.getString("target"));
            row.put("createdAt", rs.getObject("created_at", OffsetDateTime.class));
            row.put("deliveredAt", rs.getObject("delivered_at", OffsetDateTime.class));
            row.put("attempts", rs.getInt("attempts"));
            row.put("lastError", rs.getString("last_error"));
            row.put("nextAttemptAt", rs.getObject("next_attempt_at", OffsetDateTime.class));
            return row;
        }, target, limit);
    }

    /** Delivers the given entries again (or every failed one, when none are given), from now. */
    int replay(String target, List<Long> entryIds) {
        if (entryIds.isEmpty()) {
            return jdbc.update("update outbox set next_attempt_at = null where target = ? and delivered_at is null"
                    + " and attempts > 0", target);
        }
        int replayed = 0;
        for (Long entryId : entryIds) {
            replayed += jdbc.update("update outbox set delivered_at = null, next_attempt_at = null where target = ?"
                    + " and entry_id = ?", target, entryId);
        }
        return replayed;
    }
}
