package org.rectificationhub.delivery;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
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

/** What the outbox holds per target: for metrics, health and the operators' API and console. */
public class OutboxState {

    /**
     * What became of one entry for one target.
     *
     * @param state delivered, pending (not tried yet), failed (tried, still pending: retried with back-off) or
     *              parked (failed too often: tried again only when an operator replays it)
     */
    public record Delivery(String target, String state, OffsetDateTime createdAt, OffsetDateTime deliveredAt,
                           int attempts, String lastError, OffsetDateTime nextAttemptAt) {
    }

    private final JdbcTemplate jdbc;

    public OutboxState(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    long pending(String target) {
        return jdbc.queryForObject("select count(*) from outbox where target = ? and delivered_at is null", Long.class,
                target);
    }

    /** Tried and still not delivered, to be tried again (parked ones not counted). */
    long failed(String target) {
        return jdbc.queryForObject("select count(*) from outbox where target = ? and delivered_at is null"
                + " and attempts > 0 and parked_at is null", Long.class, target);
    }

    /** Failed too often: waiting for an operator's replay. */
    long parked(String target) {
        return jdbc.queryForObject("select count(*) from outbox where target = ? and delivered_at is null"
                + " and parked_at is not null", Long.class, target);
    }

    double oldestPendingAgeSeconds(String target, Clock clock) {
        List<OffsetDateTime> oldest = jdbc.queryForList("select min(created_at) from outbox where target = ? and"
                + " delivered_at is null", OffsetDateTime.class, target);
        return oldest.isEmpty() || oldest.get(0) == null ? 0
                : Duration.between(oldest.get(0).toInstant(), clock.instant()).toMillis() / 1000.0;
    }

    /** pending (not yet delivered), failed (tried, to be tried again), parked or delivered rows, newest first. */
    List<Map<String, Object>> rows(String target, String state, int limit) {
        String where = switch (state) {
            case "delivered" -> "o.delivered_at is not null";
            case "failed" -> "o.delivered_at is null and o.attempts > 0 and o.parked_at is null";
            case "parked" -> "o.delivered_at is null and o.parked_at is not null";
            default -> "o.delivered_at is null";
        };
        return jdbc.query("select o.entry_id, e.round_id, o.target, o.created_at, o.delivered_at, o.attempts,"
                + " o.last_error, o.next_attempt_at, o.failing_since, o.parked_at from outbox o"
                + " join ledger_entry e on e.id = o.entry_id"
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
            row.put("failingSince", rs.getObject("failing_since", OffsetDateTime.class));
            row.put("parkedAt", rs.getObject("parked_at", OffsetDateTime.class));
            return row;
        }, target, limit);
    }

    /** Each given entry's deliveries, one per target (by target name), by entry id. */
    public Map<Long, List<Delivery>> ofEntries(Collection<Long> entryIds) {
        Map<Long, List<Delivery>> deliveries = new HashMap<>();
        List<Long> ids = List.copyOf(entryIds);
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            jdbc.query("select entry_id, target, created_at, delivered_at, attempts, last_error, next_attempt_at,"
                    + " parked_at from"
                    + " outbox where entry_id in (" + String.join(",", Collections.nCopies(chunk.size(), "?"))
                    + ") order by entry_id, target", (ResultSet rs) -> {
                OffsetDateTime delivered = rs.getObject("delivered_at", OffsetDateTime.class);
                int attempts = rs.getInt("attempts");
                deliveries.computeIfAbsent(rs.getLong("entry_id"), id -> new ArrayList<>()).add(new Delivery(
                        rs.getString("target"), delivered != null ? "delivered"
                        : rs.getObject("parked_at") != null ? "parked" : attempts > 0 ? "failed" : "pending",
                        rs.getObject("created_at", OffsetDateTime.class), delivered, attempts,
                        rs.getString("last_error"), rs.getObject("next_attempt_at", OffsetDateTime.class)));
            }, chunk.toArray());
        }
        return deliveries;
    }

    /**
     * A round the target took but could not finish later (the site writes a round once its interval has passed,
     * after the relay handed it over): the round's newest delivered row goes back to failed with the error, so the
     * relay tries it again with back-off and, failing on, parks it. A row still pending is left as it is.
     */
    public void reopen(String target, String roundId, String error, Instant now) {
        Long newest = jdbc.queryForObject("select max(o.id) from outbox o join ledger_entry e on e.id = o.entry_id"
                + " where o.target = ? and e.round_id = ?", Long.class, target, roundId);
        if (newest != null) {
            jdbc.update("update outbox set delivered_at = null, attempts = 1, last_error = ?, failing_since = ?,"
                    + " next_attempt_at = null, parked_at = null where id = ? and delivered_at is not null", error,
                    OffsetDateTime.ofInstant(now, ZoneOffset.UTC), newest);
        }
    }

    /**
     * Delivers the given entries again (or every failed and parked one, when none are given), from now: a fresh
     * run, so a row that fails again is retried with back-off from the first step before it is parked again.
     */
    int replay(String target, List<Long> entryIds) {
        String again = "update outbox set next_attempt_at = null, parked_at = null, failing_since = null, attempts = 0";
        if (entryIds.isEmpty()) {
            // rows the relay holds right now are being tried: they are left to that attempt, not waited for
            List<Long> failed = jdbc.queryForList("select id from outbox where target = ? and delivered_at is null"
                    + " and attempts > 0 for update skip locked", Long.class, target);
            int replayed = 0;
            for (int from = 0; from < failed.size(); from += 500) {
                List<Long> chunk = failed.subList(from, Math.min(failed.size(), from + 500));
                replayed += jdbc.update(again + " where delivered_at is null and id in ("
                        + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")", chunk.toArray());
            }
            return replayed;
        }
        int replayed = 0;
        for (Long entryId : entryIds) {
            replayed += jdbc.update(again + ", delivered_at = null where target = ? and entry_id = ?", target,
                    entryId);
        }
        return replayed;
    }
}
