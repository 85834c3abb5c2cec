package org.rectificationhub.commission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.rectificationhub.Databases;
import org.rectificationhub.HubProperties;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.delivery.HeldItem;
import org.rectificationhub.Retries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Sends the stored snapshots (SnapshotFeed), each on its own: claimed under its row's lock (two hubs never send the
 * same one at once), sent as stored, marked sent in the same transaction. A snapshot the broker refuses is retried
 * with its own back-off and parked after {@link Retries#parks}, shown to operators with the error and since when;
 * the other rounds' snapshots, the alerts and the checkpoints go on. Its id is taken from its content, so whatever
 * sends it again (a retry, a crash before the mark, a replay) sends the same record under the same id.
 */
@Component
class SnapshotSends {

    private static final Logger log = LoggerFactory.getLogger(SnapshotSends.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final FeedSender sender;
    private final Retries retries;
    private final Clock clock;
    private final String instance;
    private final String lock;

    SnapshotSends(JdbcTemplate jdbc, PlatformTransactionManager transactions, FeedSender sender, Retries retries,
                  Clock clock, HubProperties hub) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.sender = sender;
        this.retries = retries;
        this.clock = clock;
        this.instance = hub.instanceId();
        this.lock = Databases.isPostgres(jdbc) ? " for update skip locked" : " for update";
    }

    /**
     * Sends each round's oldest unsent snapshot if it is due; how many went out. A round whose oldest is backing off
     * or parked sends no later one, so the commission gets a round's snapshots in order.
     */
    int sendDue() {
        List<Map<String, Object>> due = jdbc.queryForList("select s.round_id, s.snapshot_no from commission_snapshot s"
                + " where s.sent_at is null and s.parked_at is null and (s.next_attempt_at is null"
                + " or s.next_attempt_at <= ?) and s.snapshot_no = (select min(o.snapshot_no) from commission_snapshot o"
                + " where o.round_id = s.round_id and o.sent_at is null) order by s.round_id",
                Timestamp.from(clock.instant()));
        int sent = 0;
        for (Map<String, Object> row : due) {
            String roundId = (String) row.get("round_id");
            int number = ((Number) row.get("snapshot_no")).intValue();
            if (Boolean.TRUE.equals(transactions.execute(tx -> send(roundId, number)))) {
                sent++;
            }
        }
        return sent;
    }

    private boolean send(String roundId, int number) {
        List<Stored> claimed = jdbc.query("select created_at, snapshot_json, attempts from commission_snapshot"
                + " where round_id = ? and snapshot_no = ? and sent_at is null and parked_at is null" + lock,
                (rs, i) -> new Stored(rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getString("snapshot_json"), rs.getInt("attempts")), roundId, number);
        if (claimed.isEmpty()) {
            return false; // sent or claimed by another hub meanwhile
        }
        Stored stored = claimed.get(0);
        Instant now = clock.instant();
        try {
            sender.send(FeedEvents.event(FeedEvents.SNAPSHOT, id(roundId, number, stored.json()), instance, roundId,
                    stored.takenAt(), read(stored.json())));
        } catch (RuntimeException e) {
            int attempts = stored.attempts() + 1;
            String error = Retries.error(e);
            log.warn("Snapshot {} of round {} not sent (attempt {}): {}", number, roundId, attempts, error);
            jdbc.update("update commission_snapshot set attempts = ?, last_error = ?, failing_since ="
                            + " coalesce(failing_since, ?), next_attempt_at = ?, parked_at = ? where round_id = ?"
                            + " and snapshot_no = ?", attempts, error, Timestamp.from(now),
                    Timestamp.from(now.plus(retries.backOff(attempts))),
                    retries.parks(attempts) ? Timestamp.from(now) : null, roundId, number);
            return false;
        }
        jdbc.update("update commission_snapshot set sent_at = ?, attempts = 0, last_error = null, failing_since = null,"
                + " next_attempt_at = null, parked_at = null where round_id = ? and snapshot_no = ?",
                Timestamp.from(now), roundId, number);
        return true;
    }

    /** The event id: the round, the number and a digest of the snapshot as stored. */
    static String id(String roundId, int number, String json) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            return "snapshot:" + roundId + ":" + number + ":" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Snapshots that failed to go out (retried or parked), the most recently failing first. */
    List<HeldItem> failed(int limit) {
        return jdbc.query("select round_id, snapshot_no, attempts, last_error, failing_since, next_attempt_at,"
                + " parked_at from commission_snapshot where sent_at is null and attempts > 0"
                + " order by failing_since desc, round_id limit ?", (rs, i) -> new HeldItem(
                "snapshot " + rs.getString("round_id") + " #" + rs.getInt("snapshot_no"), rs.getString("round_id"),
                rs.getInt("attempts"), rs.getString("last_error"), instant(rs.getObject("failing_since",
                OffsetDateTime.class)), rs.getObject("parked_at") != null ? null
                : instant(rs.getObject("next_attempt_at", OffsetDateTime.class)),
                instant(rs.getObject("parked_at", OffsetDateTime.class))), limit);
    }

    /**
     * An operator's replay: the snapshots that listed these entries go out again as they were (same id, same
     * content), or, with none given, every failed and parked snapshot is tried now. How many.
     */
    int resend(List<Long> entryIds) {
        String again = "update commission_snapshot set parked_at = null, next_attempt_at = null, failing_since = null,"
                + " attempts = 0";
        if (entryIds.isEmpty()) {
            return jdbc.update(again + " where sent_at is null and attempts > 0");
        }
        int resent = 0;
        for (Long entryId : entryIds) {
            resent += jdbc.update(again + ", sent_at = null where exists (select 1 from commission_entry e where"
                    + " e.entry_id = ? and e.round_id = commission_snapshot.round_id and e.snapshot_no ="
                    + " commission_snapshot.snapshot_no)", entryId);
        }
        return resent;
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    private static JsonNode read(String json) {
        try {
            return CanonicalJson.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Stored(Instant takenAt, String json, int attempts) {
    }
}
