package org.rectificationhub.ledger;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

    Optional<Earlier> earlier(String department, String updateId, String contentHash) {
        List<Earlier> rows = jdbc.query("select k.entry_id, e.entry_hash, k.content_hash, k.update_id"
                        + " from idempotency_key k join ledger_entry e on e.id = k.entry_id"
                        + " where (k.department = ? and k.update_id = ?) or k.content_hash = ?",
                (rs, i) -> new Earlier(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                department, updateId, contentHash);
        return rows.stream().findFirst();
    }

    void append(ChainLink link, String entryHash, EntryFacts facts, boolean applied) {
        jdbc.update("insert into ledger_entry (id, received_at, hub_instance, channel, source, department, kind,"
                        + " update_id, round_id, problem_no, measure_seq, sequence, applied, content_hash,"
                        + " canonical_json, prev_hash, entry_hash) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                link.position(), OffsetDateTime.ofInstant(link.receivedAt(), ZoneOffset.UTC), link.hubInstance(),
                link.channel(), link.source(), link.department(), facts.kind(), facts.updateId(), facts.roundId(),
                facts.problemNo(), facts.measureSeq(), facts.sequence(), applied, link.contentHash(),
                link.canonicalJson(), link.prevHash(), entryHash);
        jdbc.update("insert into idempotency_key (department, update_id, content_hash, entry_id) values (?,?,?,?)",
                link.department(), facts.updateId(), link.contentHash(), link.position());
    }

    /** Columns kept beside the canonical JSON so the log can be queried without parsing it. */
    record EntryFacts(String kind, String updateId, String roundId, Integer problemNo, Integer measureSeq,
                      long sequence) {
    }
}
