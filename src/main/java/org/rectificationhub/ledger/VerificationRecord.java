package org.rectificationhub.ledger;

import org.rectificationhub.HubProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the ledger's proof has come to, shared by every instance in ledger_proof: the entry the continuous check
 * verified up to (it goes on from there, so its cost follows what was appended), the full verification running (a
 * lease: one at a time in the cluster) and the last one's result.
 */
@Component
public class VerificationRecord {

    /** The entry the continuous check verified up to, and when. */
    public record Verified(long position, String hash, Instant at) {
    }

    /** A full verification under way: since when, on which instance. */
    public record Running(Instant since, String instance) {
    }

    private final JdbcTemplate jdbc;
    private final String instanceId;
    private final Clock clock = Clock.systemUTC();

    VerificationRecord(JdbcTemplate jdbc, HubProperties properties) {
        this.jdbc = jdbc;
        this.instanceId = properties.instanceId();
    }

    public Verified verified() {
        return jdbc.queryForObject("select verified_position, verified_hash, verified_at from ledger_proof where id = 1",
                (rs, i) -> new Verified(rs.getLong(1), rs.getString(2), instant(rs.getObject(3, OffsetDateTime.class))));
    }

    /** Moves the verified position forward only: instances checking the same entries do not move it back. */
    void advance(long position, String hash) {
        jdbc.update("update ledger_proof set verified_position = ?, verified_hash = ?, verified_at = ? where id = 1"
                + " and verified_position <= ?", position, hash, now(), position);
    }

    /** Sets the verified position where an operator accepted the ledger as it stands. */
    void accept(long position, String hash) {
        jdbc.update("update ledger_proof set verified_position = ?, verified_hash = ?, verified_at = ? where id = 1",
                position, hash, now());
    }

    /**
     * Claims the full verification for this instance until the lease ends; the one already running when another
     * instance (or this one) holds the claim.
     */
    Optional<Running> claim(Duration lease) {
        Instant now = clock.instant();
        int claimed = jdbc.update("update ledger_proof set run_started_at = ?, run_instance = ?, run_lease_until = ?"
                        + " where id = 1 and (run_started_at is null or run_lease_until < ?)", at(now), instanceId,
                at(now.plus(lease)), at(now));
        return claimed == 1 ? Optional.empty() : Optional.of(running().orElse(new Running(now, instanceId)));
    }

    public Optional<Running> running() {
        List<Running> running = jdbc.query("select run_started_at, run_instance from ledger_proof where id = 1"
                        + " and run_started_at is not null", (rs, i) -> new Running(instant(rs.getObject(1,
                OffsetDateTime.class)), rs.getString(2)));
        return running.stream().findFirst();
    }

    /** Ends this instance's run, keeping its result as the last one. */
    void finish(Instant started, LedgerVerifier.Report report) {
        jdbc.update("update ledger_proof set run_started_at = null, run_instance = null, run_lease_until = null,"
                        + " last_started_at = ?, last_finished_at = ?, last_instance = ?, last_ok = ?, last_entries = ?,"
                        + " last_head = ?, last_checkpoints = ?, last_broken_at = ?, last_problem = ? where id = 1",
                at(started), now(), instanceId, report.ok(), report.entries(), report.head(), report.checkpoints(),
                report.brokenAt(), report.problem());
    }

    /** Ends this instance's run that could not finish (the database failed): no result is kept. */
    void abandon() {
        jdbc.update("update ledger_proof set run_started_at = null, run_instance = null, run_lease_until = null"
                + " where id = 1 and run_instance = ?", instanceId);
    }

    /** When the last full verification started, if one ever finished. */
    Optional<Instant> lastStarted() {
        return Optional.ofNullable(instant(jdbc.queryForObject("select last_started_at from ledger_proof where id = 1",
                OffsetDateTime.class)));
    }

    /** The last full verification's result, as the API shows it; empty when none has finished. */
    public Optional<Map<String, Object>> last() {
        return jdbc.query("select last_ok, last_entries, last_head, last_checkpoints, last_broken_at, last_problem,"
                + " last_started_at, last_finished_at, last_instance from ledger_proof where id = 1"
                + " and last_finished_at is not null", (rs, i) -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("ok", rs.getBoolean(1));
                    body.put("entries", rs.getLong(2));
                    body.put("head", rs.getString(3));
                    body.put("checkpoints", rs.getInt(4));
                    if (!rs.getBoolean(1)) {
                        body.put("firstBrokenEntry", rs.getObject(5, Long.class));
                        body.put("problem", rs.getString(6));
                    }
                    body.put("startedAt", instant(rs.getObject(7, OffsetDateTime.class)).toString());
                    body.put("finishedAt", instant(rs.getObject(8, OffsetDateTime.class)).toString());
                    body.put("instance", rs.getString(9));
                    return body;
                }).stream().findFirst();
    }

    private OffsetDateTime now() {
        return at(clock.instant());
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
