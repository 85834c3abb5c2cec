package org.rectificationhub.ledger;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** The append-only entry log, its chain head and the idempotency keys that keep it free of duplicates. */
@Component
class EntryLog {

    /** The chain head, held locked (SELECT ... FOR UPDATE) by the transaction that appends. */
    static final class Head {
        long position;
        String hash;

        Head(long position, String hash) {
            this.position = position;
            this.hash = hash;
        }
    }

    record Earlier(long entryId, String entryHash, String contentHash, String updateId) {
    }

    /** An earlier entry with the department its key belongs to. */
    record Keyed(String department, Earlier earlier) {
    }

    static final String INSERT_KEY =
            "insert into idempotency_key (department, update_id, content_hash, entry_id) values (?,?,?,?)";
    static final String INSERT_ENTRY = "insert into ledger_entry (id, received_at, hub_instance, channel, source,"
            + " department, kind, update_id, round_id, problem_no, measure_seq, sequence, applied, content_hash,"
            + " canonical_json, prev_hash, entry_hash, hash_version) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

    private final JdbcTemplate jdbc;

    EntryLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Every writer, in every hub instance, serialises on this row lock: it is what keeps the log one chain when
     * several instances share one database.
     */
    Head lockHead() {
        return jdbc.queryForObject("select position, head_hash from ledger_head where id = 1 for update",
                (rs, i) -> new Head(rs.getLong(1), rs.getString(2)));
    }

    void saveHead(Head head) {
        jdbc.update("update ledger_head set position = ?, head_hash = ? where id = 1", head.position, head.hash);
    }

    /** A sender's updateId, the primary key of its idempotency key. */
    record SenderKey(String department, String updateId) {
    }

    /**
     * The entries recorded under any of these senders' updateIds or with any of these contents, looked up on the
     * key's primary key and on its unique content hash. The values come as a joined list, not as an IN list of ORs: a
     * plan made while the table was small (a fresh ledger at its first month's end; PostgreSQL keeps the plan of a
     * prepared statement) scans the table, and with an IN list it then compared every row with every value, 60 to
     * 120 ms a batch at 20,000 keys and growing; joined, a scan costs one hash lookup a row.
     */
    List<Keyed> earlierAmong(Collection<SenderKey> keys, Collection<String> contentHashes) {
        List<Keyed> found = new ArrayList<>();
        List<SenderKey> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += 250) {
            List<SenderKey> chunk = all.subList(from, Math.min(all.size(), from + 250));
            Object[] args = new Object[chunk.size() * 2];
            for (int i = 0; i < chunk.size(); i++) {
                args[2 * i] = chunk.get(i).department();
                args[2 * i + 1] = chunk.get(i).updateId();
            }
            found.addAll(earlierJoined(values(chunk.size(), "(cast(? as varchar), cast(? as varchar))")
                    + " q (department, update_id)", "k.department = q.department and k.update_id = q.update_id", args));
        }
        List<String> hashes = new ArrayList<>(contentHashes);
        for (int from = 0; from < hashes.size(); from += 500) {
            List<String> chunk = hashes.subList(from, Math.min(hashes.size(), from + 500));
            // char(64), as the column: compared as text, the column's index would be of no use
            found.addAll(earlierJoined(values(chunk.size(), "(cast(? as char(64)))") + " q (content_hash)",
                    "k.content_hash = q.content_hash", chunk.toArray()));
        }
        return found;
    }

    private static String values(int rows, String row) {
        return "(values " + String.join(",", Collections.nCopies(rows, row)) + ")";
    }

    private List<Keyed> earlierJoined(String values, String on, Object[] args) {
        return jdbc.query("select k.department, k.entry_id, e.entry_hash, k.content_hash, k.update_id from " + values
                        + " join idempotency_key k on " + on + " join ledger_entry e on e.id = k.entry_id",
                (rs, i) -> new Keyed(rs.getString(1), new Earlier(rs.getLong(2), rs.getString(3),
                        rs.getString(4), rs.getString(5))), args);
    }

    /** Writes an entry and its key at once (the state replay's scratch ledger). */
    void append(ChainLink link, String entryHash) {
        jdbc.update(INSERT_ENTRY, entryRow(link, entryHash));
        jdbc.update(INSERT_KEY, keyRow(link));
    }

    static Object[] entryRow(ChainLink link, String entryHash) {
        return new Object[]{link.position(), OffsetDateTime.ofInstant(link.receivedAt(), ZoneOffset.UTC),
                link.hubInstance(), link.channel(), link.source(), link.department(), link.kind(), link.updateId(),
                link.roundId(), link.problemNo(), link.measureSeq(), link.sequence(), link.applied(),
                link.contentHash(), link.canonicalJson(), link.prevHash(), entryHash, link.version()};
    }

    static Object[] keyRow(ChainLink link) {
        return new Object[]{link.department(), link.updateId(), link.contentHash(), link.position()};
    }

    /** Stored entries after a position, in chain order, as the verifier and the replay read them. */
    List<Stored> after(long position, int limit) {
        return between(position, Long.MAX_VALUE, limit);
    }

    /** Stored entries after a position up to another (inclusive), in chain order. */
    List<Stored> between(long position, long upTo, int limit) {
        return jdbc.query("select " + STORED + " from ledger_entry where id > ? and id <= ? order by id limit ?",
                EntryLog::stored, position, upTo, limit);
    }

    /** One round's stored entries after a position up to another (inclusive), in chain order. */
    List<Stored> inRound(String roundId, long position, long upTo, int limit) {
        return jdbc.query("select " + STORED + " from ledger_entry where round_id = ? and id > ? and id <= ?"
                + " order by id limit ?", EntryLog::stored, roundId, position, upTo, limit);
    }

    private static final String STORED = "id, hash_version, received_at, hub_instance, channel, source, department,"
            + " kind, update_id, round_id, problem_no, measure_seq, sequence, applied, content_hash, canonical_json,"
            + " prev_hash, entry_hash";

    private static Stored stored(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Stored(new ChainLink(rs.getInt("hash_version"), rs.getString("prev_hash"),
                rs.getLong("id"), rs.getObject("received_at", OffsetDateTime.class).toInstant(),
                rs.getString("hub_instance"), rs.getString("channel"), rs.getString("source"),
                rs.getString("department"), rs.getString("kind"), rs.getString("update_id"),
                rs.getString("round_id"), (Integer) rs.getObject("problem_no", Integer.class),
                (Integer) rs.getObject("measure_seq", Integer.class), rs.getLong("sequence"),
                rs.getBoolean("applied"), rs.getString("content_hash"), rs.getString("canonical_json")),
                rs.getString("entry_hash"));
    }

    /** The previous hash an entry stores, if the entry exists. */
    Optional<String> prevHashAt(long position) {
        return jdbc.queryForList("select prev_hash from ledger_entry where id = ?", String.class, position).stream()
                .findFirst();
    }

    /** The stored hash of one entry, if it exists. */
    Optional<String> hashAt(long position) {
        return jdbc.queryForList("select entry_hash from ledger_entry where id = ?", String.class, position).stream()
                .findFirst();
    }

    Head head() {
        return jdbc.queryForObject("select position, head_hash from ledger_head where id = 1",
                (rs, i) -> new Head(rs.getLong(1), rs.getString(2)));
    }

    /** What one entry stores, in one digest (see {@link Stored#fingerprint()}), if the entry exists. */
    Optional<String> fingerprintAt(long position) {
        return between(position - 1, position, 1).stream().map(Stored::fingerprint).findFirst();
    }

    /** An entry as stored: its link (every column) and the hash stored beside it. */
    record Stored(ChainLink link, String entryHash) {

        /**
         * Every stored column and the stored hash in one digest, whatever the entry's hash version covers: an entry
         * accepted as it stood is recognised by it, and an entry edited once more is not.
         */
        String fingerprint() {
            ChainLink l = link;
            ChainLink every = new ChainLink(ChainLink.CURRENT_VERSION, l.prevHash(), l.position(), l.receivedAt(),
                    l.hubInstance(), l.channel(), l.source(), l.department(), l.kind(), l.updateId(), l.roundId(),
                    l.problemNo(), l.measureSeq(), l.sequence(), l.applied(), l.contentHash(), l.canonicalJson());
            return org.rectificationhub.canonical.CanonicalJson.sha256(l.version() + "\n" + entryHash + "\n"
                    + every.hash());
        }
    }
}
