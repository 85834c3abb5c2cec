package org.rectificationhub.ledger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.rectificationhub.HubProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The continuous check's sweep: what the continuous check verified once (entries before its position, and the
 * state) is re-read in slices, so that every entry and every round's state rows are checked again at least once
 * every {@code hub.ledger.sweep-every}, without anyone asking. A pass keeps pace with the period: at each tick it
 * sweeps what the time elapsed in the pass calls for (at least {@value #MIN_ENTRIES} entries or one round), up to
 * {@value #CATCH_UP} times a tick's share when it is behind. The pass's progress is kept in the database
 * (ledger_sweep), and a slice is claimed there first: with several hubs one sweeps at a time.
 */
@Component
class LedgerSweep {

    private static final Logger log = LoggerFactory.getLogger(LedgerSweep.class);
    static final int MIN_ENTRIES = 1000;
    private static final int CATCH_UP = 4;

    /** Where the current pass stands. */
    private record Pass(Instant started, long entryCursor, String roundCursor, int roundsDone) {
    }

    private final JdbcTemplate jdbc;
    private final SweepChecks checks;
    private final String instanceId;
    private final Duration period;
    private final double tickShare;
    private final Duration lease;
    private final Timer slices;
    private final Clock clock = Clock.systemUTC();

    LedgerSweep(JdbcTemplate jdbc, HubProperties properties, MeterRegistry meters,
                @Value("${hub.ledger.sweep-every:1d}") Duration period,
                @Value("${hub.ledger.check-interval:60000}") long tickMillis,
                @Value("${hub.ledger.full-verify-lease:2h}") Duration lease) {
        this.jdbc = jdbc;
        this.checks = new SweepChecks(jdbc);
        this.instanceId = properties.instanceId();
        this.period = period;
        this.tickShare = period.isZero() ? 1 : Math.min(1, tickMillis / (double) period.toMillis());
        this.lease = lease;
        this.slices = Timer.builder("hub.ledger.sweep.slice").description("one slice of the ledger's sweep")
                .register(meters);
    }

    /** One slice, when the pass is behind its pace and no other instance sweeps: the break it found, if any. */
    Optional<LedgerVerifier.Report> slice() {
        if (period.isZero() || nothingDue(pass())) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (jdbc.update("update ledger_sweep set sweep_instance = ?, sweep_lease_until = ? where id = 1"
                + " and (sweep_instance is null or sweep_lease_until < ?)", instanceId, at(now.plus(lease)), at(now)) == 0) {
            return Optional.empty(); // another instance sweeps now
        }
        Pass pass = pass();
        long began = System.nanoTime();
        try {
            return sweep(pass);
        } finally {
            slices.record(Duration.ofNanos(System.nanoTime() - began));
        }
    }

    private boolean nothingDue(Pass pass) {
        double elapsed = elapsed(pass);
        // A pass at its end is run even with nothing left, so that the next one starts.
        return elapsed < 1 && entriesUpTo(pass, elapsed) == pass.entryCursor() && roundsDue(pass, elapsed) == 0;
    }

    private Optional<LedgerVerifier.Report> sweep(Pass claimed) {
        Pass pass = claimed.started() != null ? claimed : new Pass(clock.instant(), claimed.entryCursor(),
                claimed.roundCursor(), claimed.roundsDone());
        double elapsed = elapsed(pass);
        long upTo = entriesUpTo(pass, elapsed);
        int roundsDue = roundsDue(pass, elapsed);
        long entryCursor = pass.entryCursor();
        String roundCursor = pass.roundCursor();
        int roundsDone = pass.roundsDone();
        Optional<LedgerVerifier.Report> found = Optional.empty();
        try {
            if (upTo > entryCursor) {
                found = checks.entries(entryCursor, upTo);
                entryCursor = upTo;
            }
            for (String round : roundsDue == 0 || found.isPresent() ? List.<String>of()
                    : checks.roundsAfter(roundCursor, roundsDue)) {
                found = checks.round(round);
                roundCursor = round;
                roundsDone++;
                if (found.isPresent()) {
                    break;
                }
            }
            log.debug("Swept the ledger to entry {} and round '{}'", entryCursor, roundCursor);
        } finally {
            save(pass, entryCursor, roundCursor, roundsDone);
        }
        return found;
    }

    /** Keeps the pass's progress and lets the slice go; a pass that is through starts the next one. */
    private void save(Pass pass, long entryCursor, String roundCursor, int roundsDone) {
        Instant now = clock.instant();
        boolean through = entryCursor >= new EntryLog(jdbc).head().position
                && checks.roundsAfter(roundCursor, 1).isEmpty();
        if (through) {
            Instant next = pass.started().plus(period);
            jdbc.update("update ledger_sweep set pass_started_at = ?, entry_cursor = 0, round_cursor = '',"
                            + " rounds_done = 0, last_pass_at = ?, sweep_instance = null, sweep_lease_until = null"
                            + " where id = 1", at(next.isAfter(now) ? next : now), at(now));
            log.debug("Swept the whole ledger; the next pass starts at {}", next.isAfter(now) ? next : now);
            return;
        }
        jdbc.update("update ledger_sweep set pass_started_at = ?, entry_cursor = ?, round_cursor = ?, rounds_done = ?,"
                        + " sweep_instance = null, sweep_lease_until = null where id = 1",
                at(pass.started()), entryCursor, roundCursor, roundsDone);
    }

    /** How far into its period the pass will be at the end of this tick: 0 to 1, or more when it is late. */
    private double elapsed(Pass pass) {
        if (pass.started() == null) {
            return tickShare;
        }
        return Duration.between(pass.started(), clock.instant()).toMillis() / (double) period.toMillis() + tickShare;
    }

    private long entriesUpTo(Pass pass, double elapsed) {
        long head = new EntryLog(jdbc).head().position;
        long target = elapsed >= 1 ? head : (long) Math.ceil(head * Math.max(0, elapsed));
        if (target <= pass.entryCursor()) {
            return pass.entryCursor();
        }
        long most = Math.max(MIN_ENTRIES, CATCH_UP * (long) Math.ceil(head * tickShare));
        return Math.min(head, pass.entryCursor() + Math.min(most, Math.max(MIN_ENTRIES, target - pass.entryCursor())));
    }

    private int roundsDue(Pass pass, double elapsed) {
        int rounds = checks.rounds();
        int most = Math.max(1, CATCH_UP * (int) Math.ceil(rounds * tickShare));
        if (elapsed >= 1) {
            return checks.roundsAfter(pass.roundCursor(), 1).isEmpty() ? 0 : most;
        }
        int due = (int) Math.ceil(rounds * Math.max(0, elapsed)) - pass.roundsDone();
        return due <= 0 ? 0 : Math.min(due, most);
    }

    private Pass pass() {
        return jdbc.queryForObject("select pass_started_at, entry_cursor, round_cursor, rounds_done from ledger_sweep"
                + " where id = 1", (rs, i) -> new Pass(instant(rs.getObject(1, OffsetDateTime.class)), rs.getLong(2),
                rs.getString(3).strip(), rs.getInt(4)));
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
