package org.rectificationhub.ledger;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Objects;

/**
 * What operators accepted by clearing breaks. Each is accepted as it stood: an entry edited again after it was
 * accepted, or a row that changed otherwise than the log says, is raised again.
 */
record Accepted(List<Finding> findings) {

    static final Accepted NONE = new Accepted(List.of());

    /**
     * What cleared breaks accepted, in the order they were found. A database the hub has not yet migrated to keep
     * breaks (the offline command migrates nothing) has accepted none.
     */
    static Accepted in(JdbcTemplate jdbc) {
        Integer tables = jdbc.queryForObject("select count(*) from information_schema.tables"
                + " where lower(table_name) = 'ledger_break' and table_schema = current_schema", Integer.class);
        if (tables == 0) {
            return NONE;
        }
        return new Accepted(jdbc.query("select accept_kind, accept_key, accept_value, at_position from ledger_break"
                        + " where cleared_at is not null order by id",
                (rs, i) -> new Finding(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4))));
    }

    /** The entry at this position is accepted as stored (its fingerprint; null: accepted as missing). */
    boolean entry(long position, String fingerprint) {
        return has("entry", Long.toString(position), fingerprint);
    }

    boolean checkpoint(Checkpoint checkpoint) {
        return has("checkpoint", Long.toString(checkpoint.position()), checkpoint.signature());
    }

    /** The idempotency key of this entry is accepted as stored (null: accepted as missing). */
    boolean key(long entryId, String stored) {
        return has("key", Long.toString(entryId), stored);
    }

    /** The state rows accepted as they stood, in the order they were accepted. */
    List<Finding> stateRows() {
        return findings.stream().filter(f -> f.kind().equals("state")).toList();
    }

    /** The same thing, found the same: kind, key and value (where it was found does not matter). */
    boolean accepts(Finding found) {
        return has(found.kind(), found.key(), found.value());
    }

    private boolean has(String kind, String key, String value) {
        return findings.stream().anyMatch(f -> f.kind().equals(kind) && f.key().equals(key)
                && Objects.equals(f.value(), value));
    }
}
