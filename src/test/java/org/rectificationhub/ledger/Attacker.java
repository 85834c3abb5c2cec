package org.rectificationhub.ledger;

import org.springframework.jdbc.core.JdbcTemplate;

/** What an attacker with the database owner's rights and the published hash formula can do to the entry log. */
final class Attacker {

    private Attacker() {
    }

    /** Edits an entry's source and recomputes every hash after it, and the chain head, so the chain is consistent. */
    static void rewriteFrom(JdbcTemplate jdbc, long position, String forgedSource) {
        String prev = jdbc.queryForObject("select entry_hash from ledger_entry where id = ?", String.class, position - 1);
        for (EntryLog.Stored stored : new EntryLog(jdbc).after(position - 1, 100_000)) {
            ChainLink l = stored.link();
            ChainLink forged = new ChainLink(l.version(), prev, l.position(), l.receivedAt(), l.hubInstance(),
                    l.channel(), l.position() == position ? forgedSource : l.source(), l.department(), l.kind(),
                    l.updateId(), l.roundId(), l.problemNo(), l.measureSeq(), l.sequence(), l.applied(),
                    l.contentHash(), l.canonicalJson());
            prev = forged.hash();
            jdbc.update("update ledger_entry set source = ?, prev_hash = ?, entry_hash = ? where id = ?",
                    forged.source(), forged.prevHash(), prev, l.position());
        }
        jdbc.update("update ledger_head set head_hash = ? where id = 1", prev);
    }

    /**
     * Cuts the log back to an entry, as if what came after had never been: the rows that name the removed entries,
     * the entries, the chain head and the database's checkpoints after it (the append-only guard must be off).
     */
    static void cutTail(JdbcTemplate jdbc, long keep) {
        for (String table : java.util.List.of("idempotency_key", "outbox", "commission_entry")) {
            jdbc.update("delete from " + table + " where entry_id > ?", keep);
        }
        for (String table : java.util.List.of("measure", "problem", "round")) {
            jdbc.update("update " + table + " set updated_entry = ? where updated_entry > ?", keep, keep);
        }
        jdbc.update("delete from ledger_entry where id > ?", keep);
        jdbc.update("update ledger_head set position = ?, head_hash = (select entry_hash from ledger_entry where id = ?)"
                + " where id = 1", keep, keep);
        jdbc.update("delete from ledger_checkpoint where position > ?", keep);
    }
}
