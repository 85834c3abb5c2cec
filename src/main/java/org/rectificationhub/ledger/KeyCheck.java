package org.rectificationhub.ledger;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Every entry has one idempotency key, the one its columns say, and no key stands for something else: both read in
 * entry order, a range of entries at a time, so what is held does not grow with the ledger.
 */
final class KeyCheck {

    private static final int PAGE = 5000;

    private KeyCheck() {
    }

    static StateDifference firstDifference(JdbcTemplate jdbc, long head, Accepted accepted) {
        return firstDifference(jdbc, 0, head, head, accepted);
    }

    /** The keys of the entries after {@code from} up to {@code to} (the sweep's slice); head: what the check read. */
    static StateDifference firstDifference(JdbcTemplate jdbc, long from, long to, long head, Accepted accepted) {
        for (long after = from; after < to; after += PAGE) {
            long upTo = Math.min(to, after + PAGE);
            Map<Long, String> should = new HashMap<>();
            jdbc.query("select id, department, update_id, content_hash from ledger_entry where id > ? and id <= ?",
                    rs -> {
                        should.put(rs.getLong(1), key(rs.getString(2), rs.getString(3), rs.getString(4)));
                    }, after, upTo);
            Map<Long, String> has = new HashMap<>();
            jdbc.query("select entry_id, department, update_id, content_hash from idempotency_key where entry_id > ?"
                    + " and entry_id <= ? order by entry_id, department, update_id", rs -> {
                        has.merge(rs.getLong(1), key(rs.getString(2), rs.getString(3), rs.getString(4)),
                                (a, b) -> a + " and " + b);
                    }, after, upTo);
            TreeSet<Long> entries = new TreeSet<>(should.keySet());
            entries.addAll(has.keySet());
            for (long entry : entries) {
                String expected = should.get(entry);
                String found = has.get(entry);
                if (!Objects.equals(expected, found) && !accepted.key(entry, found)) {
                    return new StateDifference(problem(entry, expected, found),
                            new Finding("key", Long.toString(entry), found, head));
                }
            }
        }
        return null;
    }

    private static String problem(long entry, String expected, String found) {
        if (found == null) {
            return "current state: idempotency_key " + expected + " is missing; replaying the ledger gives it for"
                    + " entry " + entry;
        }
        if (expected == null) {
            return "current state: idempotency_key " + found + " is not in the ledger: replaying it gives no such"
                    + " row for entry " + entry;
        }
        return "current state: idempotency_key of entry " + entry + " is " + found + " but replaying the ledger gives "
                + expected;
    }

    private static String key(String department, String updateId, String contentHash) {
        return "[" + department + ", " + updateId + "] (content " + contentHash.strip() + ")";
    }
}
