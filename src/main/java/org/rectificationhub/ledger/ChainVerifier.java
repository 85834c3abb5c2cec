package org.rectificationhub.ledger;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.List;

/** Walks the hash chain from the first entry and reports the first place where it does not hold. */
@Component
public class ChainVerifier {

    private static final int PAGE = 1000;

    /**
     * @param brokenAt the first entry that does not match (null when ok); problem says how
     */
    public record Report(boolean ok, long entries, String head, Long brokenAt, String problem) {
    }

    private final JdbcTemplate jdbc;

    ChainVerifier(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Report verify() {
        String prev = ChainLink.GENESIS;
        long position = 0;
        while (true) {
            List<Row> page = jdbc.query("select id, received_at, hub_instance, channel, source, department,"
                            + " content_hash, canonical_json, prev_hash, entry_hash from ledger_entry"
                            + " where id > ? order by id limit ?",
                    (rs, i) -> new Row(new ChainLink(rs.getString("prev_hash"), rs.getLong("id"),
                            rs.getObject("received_at", OffsetDateTime.class).toInstant(), rs.getString("hub_instance"),
                            rs.getString("channel"), rs.getString("source"), rs.getString("department"),
                            rs.getString("content_hash"), rs.getString("canonical_json")), rs.getString("entry_hash")),
                    position, PAGE);
            for (Row row : page) {
                ChainLink link = row.link();
                String problem = check(link, row.entryHash(), prev, position + 1);
                if (problem != null) {
                    return new Report(false, position, prev, link.position(), problem);
                }
                prev = row.entryHash();
                position = link.position();
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        EntryLog.Head head = jdbc.queryForObject("select position, head_hash from ledger_head where id = 1",
                (rs, i) -> new EntryLog.Head(rs.getLong(1), rs.getString(2)));
        if (head.position != position || !head.hash.equals(prev)) {
            return new Report(false, position, prev, head.position,
                    "the chain head says position " + head.position + " hash " + head.hash
                            + " but the log ends at " + position + " hash " + prev);
        }
        return new Report(true, position, prev, null, null);
    }

    private static String check(ChainLink link, String storedHash, String expectedPrev, long expectedPosition) {
        if (link.position() != expectedPosition) {
            return "entry " + expectedPosition + " is missing";
        }
        if (!link.prevHash().equals(expectedPrev)) {
            return "prev_hash does not match the hash of entry " + (expectedPosition - 1);
        }
        try {
            if (!ChainLink.contentHashOf(link.canonicalJson()).equals(link.contentHash())) {
                return "content_hash does not match the canonical JSON";
            }
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (!link.hash().equals(storedHash)) {
            return "entry_hash does not match the entry's content";
        }
        return null;
    }

    private record Row(ChainLink link, String entryHash) {
    }
}
