package org.rectificationhub.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.rectificationhub.canonical.CanonicalDocument;
import org.rectificationhub.canonical.CanonicalJson;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Replays the entry log, round by round, in memory ({@link RoundState}: the rows the {@link Projection} leaves, by
 * the same status rules) and compares each round's state with the current-state tables: an edited state row or an
 * edited {@code applied} flag is named, whatever the database the ledger lives in. The replay holds one round's
 * state at a time and reads the log a page at a time, so what it holds does not grow with the ledger; the caller
 * reads the ledger in one snapshot, up to the head it read first.
 */
class StateReplay {

    private static final int PAGE = 2000;
    private static final String ENTRIES = "select id, applied, received_at, canonical_json from ledger_entry"
            + " where round_id = ? and id > ? and id <= ? order by id limit ?";

    private final JdbcTemplate ledger;
    private final EntryLog log;

    StateReplay(JdbcTemplate ledger) {
        this.ledger = ledger;
        this.log = new EntryLog(ledger);
    }

    /** The first difference between the state and the log replayed up to the head, or null when they agree. */
    StateDifference firstDifference(long head, Accepted accepted) {
        for (String round = nextRound(""); round != null; round = nextRound(round)) {
            StateDifference difference = roundDifference(round, head, accepted);
            if (difference != null) {
                return difference;
            }
        }
        return null;
    }

    /**
     * One round: its entries up to the head replayed (what operators accepted written in where it was found), then
     * its stored rows compared with the replay's; the first difference, or null. Read it in one snapshot
     * ({@link Snapshot}) that holds the head, or a commit in between looks like an edit.
     */
    public StateDifference roundDifference(String round, long head, Accepted accepted) {
        RoundState replayed = new RoundState(round);
        StateDifference difference = replayRound(round, head, replayed, accepted);
        return difference != null ? difference : StateTables.firstDifference(ledger, replayed, round, head);
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

    private StateDifference replayRound(String round, long head, RoundState replayed, Accepted accepted) {
        Deque<Finding> rows = new ArrayDeque<>(accepted.stateRows().stream()
                .filter(row -> StateTables.roundOf(row).equals(round))
                .sorted(java.util.Comparator.comparingLong(Finding::atPosition)).toList());
        long position = 0;
        while (true) {
            List<Logged> page = ledger.query(ENTRIES, (rs, i) -> new Logged(rs.getLong(1), rs.getBoolean(2),
                    rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4)), round, position, head, PAGE);
            // Reading the JSON is most of the replay's work and needs no state: in parallel, then applied in order.
            Object[] documents = page.parallelStream().map(StateReplay::document).toArray();
            for (int i = 0; i < page.size(); i++) {
                Logged entry = page.get(i);
                while (!rows.isEmpty() && rows.peekFirst().atPosition() < entry.position()) {
                    StateTables.substitute(replayed, rows.pollFirst());
                }
                String problem = documents[i] instanceof CanonicalDocument doc ? apply(entry, doc, replayed)
                        : "entry " + entry.position() + ": its canonical JSON is not a canonical document";
                String fingerprint = problem == null ? null : log.fingerprintAt(entry.position()).orElse(null);
                if (problem != null && !accepted.entry(entry.position(), fingerprint)) {
                    return new StateDifference(problem, Finding.entry(entry.position(), fingerprint, head));
                }
                position = entry.position();
            }
            if (page.size() < PAGE) {
                rows.forEach(row -> StateTables.substitute(replayed, row));
                return null;
            }
        }
    }

    /** An entry as the replay reads it. */
    private record Logged(long position, boolean applied, Instant receivedAt, String canonicalJson) {
    }

    /** The entry's document, or the failure to read one. */
    private static Object document(Logged entry) {
        try {
            return CanonicalJson.mapper().readValue(entry.canonicalJson(), CanonicalDocument.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return e;
        }
    }

    /** Replays one entry; what does not hold, or null. */
    private static String apply(Logged entry, CanonicalDocument doc, RoundState replayed) {
        boolean applied = replayed.newer(doc);
        if (applied != entry.applied()) {
            return "entry " + entry.position() + ": applied is " + entry.applied() + " but replaying the ledger gives "
                    + applied;
        }
        try {
            replayed.apply(doc, entry.position(), applied, entry.receivedAt());
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
        return null;
    }
}
