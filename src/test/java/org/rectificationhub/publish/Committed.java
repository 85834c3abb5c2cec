package org.rectificationhub.publish;

import org.rectificationhub.delivery.CommittedEntry;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.OffsetDateTime;
import java.util.List;

/** What the outbox relay will hand the target: committed entries, read here straight from the entry log. */
final class Committed {

    private Committed() {
    }

    static List<CommittedEntry> all(JdbcTemplate jdbc) {
        return jdbc.query("select id, kind, round_id, problem_no, department, received_at, applied, entry_hash,"
                + " canonical_json from ledger_entry order by id", (rs, i) -> new CommittedEntry(rs.getLong(1),
                rs.getString(2), rs.getString(3), (Integer) rs.getObject(4), rs.getString(5),
                rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getBoolean(7), rs.getString(8), rs.getString(9)));
    }
}
