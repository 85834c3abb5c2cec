package org.rectificationhub.ledger;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one slice of the sweep checks: a range of entries (each entry's hashes and columns, its link to the one
 * before, its idempotency key), or one round's current state against a replay of the round's entries, read in one
 * snapshot. What operators accepted when they cleared a break is not raised again, as in the full check.
 */
final class SweepChecks {

    private static final int PAGE = 1000;

    private final JdbcTemplate jdbc;
    private final EntryLog log;

    SweepChecks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.log = new EntryLog(jdbc);
    }

    /** The entries after {@code from} up to {@code to}, which the chain head had already passed. */
    Optional<LedgerVerifier.Report> entries(long from, long to) {
        Accepted accepted = Accepted.in(jdbc);
        long head = log.head().position;
        String where = " (found by the sweep of entries " + (from + 1) + " to " + to + ")";
        String prev = from == 0 ? ChainLink.GENESIS : log.hashAt(from).orElse(null);
        if (prev == null) {
            return accepted.entry(from, null) ? Optional.empty()
                    : broken(head, from, "entry " + from + " is missing: entries were removed" + where,
                    Finding.entry(from, null, head));
        }
        long position = from;
        while (position < to) {
            List<EntryLog.Stored> page = log.between(position, to, PAGE);
            for (EntryLog.Stored stored : page) {
                long at = stored.link().position();
                String problem = ChainVerifier.check(stored, prev, position + 1);
                if (problem != null && !accepted.entry(at, stored.fingerprint())) {
                    return broken(head, at, problem + where, Finding.entry(at, stored.fingerprint(), head));
                }
                prev = stored.entryHash();
                position = at;
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        if (position < to && !accepted.entry(position + 1, null)) {
            return broken(head, position + 1, "entry " + (position + 1) + " is missing: entries were removed" + where,
                    Finding.entry(position + 1, null, head));
        }
        StateDifference keys = KeyCheck.firstDifference(jdbc, from, to, head, accepted);
        return keys == null ? Optional.empty() : broken(head, null, keys.problem() + where, keys.finding());
    }

    /** One round's state rows against the log replayed, both as of one moment. */
    Optional<LedgerVerifier.Report> round(String round) {
        Accepted accepted = Accepted.in(jdbc);
        return Snapshot.read(jdbc, () -> {
            long head = log.head().position;
            StateDifference difference = new StateReplay(jdbc).roundDifference(round, head, accepted);
            return difference == null ? Optional.empty() : broken(head, null, difference.problem()
                    + " (found by the sweep of round " + round + ")", difference.finding());
        });
    }

    /** The rounds after one, in round_id order, that the state or the log holds: at most {@code limit}. */
    List<String> roundsAfter(String after, int limit) {
        List<String> rounds = new ArrayList<>();
        String next = after;
        while (rounds.size() < limit && (next = nextRound(next)) != null) {
            rounds.add(next);
        }
        return rounds;
    }

    int rounds() {
        return jdbc.queryForObject("select count(*) from round", Integer.class);
    }

    private String nextRound(String after) {
        String stated = jdbc.queryForObject("select min(round_id) from round where round_id > ?", String.class, after);
        String logged = jdbc.queryForObject("select min(round_id) from ledger_entry where round_id > ?", String.class,
                after);
        if (stated == null || logged == null) {
            return stated == null ? logged : stated;
        }
        return stated.compareTo(logged) <= 0 ? stated : logged;
    }

    private static Optional<LedgerVerifier.Report> broken(long head, Long at, String problem, Finding finding) {
        return Optional.of(new LedgerVerifier.Report(false, head, null, at, problem, 0, finding));
    }
}
