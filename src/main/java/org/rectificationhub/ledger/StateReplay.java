package org.rectificationhub.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.flywaydb.core.Flyway;
import org.rectificationhub.canonical.CanonicalDocument;
import org.rectificationhub.canonical.CanonicalJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Replays the entry log, round by round, into a fresh projection (an in-memory database built by the same
 * migrations, written by the same {@link Projection} code) and compares each round's state with the current-state
 * tables: an edited state row or an edited {@code applied} flag is named, whatever the database the ledger lives
 * in. The replay holds one round's state at a time and reads the log a page at a time, so what it holds does not
 * grow with the ledger; the caller reads the ledger in one snapshot, up to the head it read first.
 */
class StateReplay {

    private static final int PAGE = 500;

    private final JdbcTemplate ledger;
    private final EntryLog log;

    StateReplay(JdbcTemplate ledger) {
        this.ledger = ledger;
        this.log = new EntryLog(ledger);
    }

    /** The first difference between the state and the log replayed up to the head, or null when they agree. */
    StateDifference firstDifference(long head, Accepted accepted) {
        return inScratch(replayed -> {
            for (String round = nextRound(""); round != null; round = nextRound(round)) {
                StateDifference difference = compareRound(round, head, replayed, accepted);
                if (difference != null) {
                    return difference;
                }
            }
            return null;
        });
    }

    /** The first difference in one round's state (the sweep's slice), or null when it agrees with the log. */
    StateDifference roundDifference(String round, long head, Accepted accepted) {
        return inScratch(replayed -> compareRound(round, head, replayed, accepted));
    }

    private StateDifference compareRound(String round, long head, JdbcTemplate replayed, Accepted accepted) {
        StateDifference difference = replayRound(round, head, new Projection(replayed), replayed, accepted);
        if (difference == null) {
            difference = StateTables.firstDifference(ledger, replayed, round, head);
        }
        StateTables.forget(replayed, round);
        return difference;
    }

    private static StateDifference inScratch(Function<JdbcTemplate, StateDifference> replay) {
        SingleConnectionDataSource scratch = new SingleConnectionDataSource(
                "jdbc:h2:mem:replay-" + UUID.randomUUID(), "sa", "", true);
        try {
            Flyway.configure().dataSource(scratch)
                    .locations("classpath:db/migration/common", "classpath:db/migration/h2").load().migrate();
            JdbcTemplate replayed = new JdbcTemplate(scratch);
            // The replay holds no entries: its state rows name entries that only the ledger holds.
            replayed.execute("set referential_integrity false");
            return replay.apply(replayed);
        } finally {
            scratch.destroy();
        }
    }

    /** The next round, in order, that the log or the state holds. */
    private String nextRound(String after) {
        List<String> logged = ledger.queryForList("select round_id from ledger_entry where round_id > ?"
                + " order by round_id, id limit 1", String.class, after);
        List<String> stated = ledger.queryForList("select round_id from round where round_id > ?"
                + " order by round_id limit 1", String.class, after);
        if (logged.isEmpty() || stated.isEmpty()) {
            return logged.isEmpty() ? stated.stream().findFirst().orElse(null) : logged.get(0);
        }
        return logged.get(0).compareTo(stated.get(0)) <= 0 ? logged.get(0) : stated.get(0);
    }

    private StateDifference replayRound(String round, long head, Projection projection, JdbcTemplate replayed,
                                        Accepted accepted) {
        Deque<Finding> rows = new ArrayDeque<>(accepted.stateRows().stream()
                .filter(row -> StateTables.roundOf(row).equals(round))
                .sorted(java.util.Comparator.comparingLong(Finding::atPosition)).toList());
        long position = 0;
        while (true) {
            List<EntryLog.Stored> page = log.inRound(round, position, head, PAGE);
            for (EntryLog.Stored stored : page) {
                ChainLink link = stored.link();
                while (!rows.isEmpty() && rows.peekFirst().atPosition() < link.position()) {
                    StateTables.substitute(replayed, rows.pollFirst());
                }
                String problem = apply(link, projection);
                if (problem != null && !accepted.entry(link.position(), stored.fingerprint())) {
                    return new StateDifference(problem, Finding.entry(link.position(), stored.fingerprint(), head));
                }
                position = link.position();
            }
            if (page.size() < PAGE) {
                rows.forEach(row -> StateTables.substitute(replayed, row));
                return null;
            }
        }
    }

    /** Replays one entry; what does not hold, or null. */
    private static String apply(ChainLink link, Projection projection) {
        CanonicalDocument doc;
        try {
            doc = CanonicalJson.toDocument(CanonicalJson.readTree(link.canonicalJson()));
        } catch (JsonProcessingException e) {
            return "entry " + link.position() + ": its canonical JSON is not a canonical document";
        }
        boolean applied = projection.newer(doc);
        if (applied != link.applied()) {
            return "entry " + link.position() + ": applied is " + link.applied()
                    + " but replaying the ledger gives " + applied;
        }
        try {
            projection.apply(doc, link.position(), applied, OffsetDateTime.ofInstant(link.receivedAt(),
                    ZoneOffset.UTC));
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
        return null;
    }
}
