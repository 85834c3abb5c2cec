package org.rectificationhub.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.flywaydb.core.Flyway;
import org.rectificationhub.canonical.CanonicalDocument;
import org.rectificationhub.canonical.CanonicalJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Replays the entry log into a fresh projection (an in-memory database built by the same migrations, written by
 * the same {@link Projection} code) and compares it with the current-state tables and the idempotency keys: an
 * edited state row, a deleted key or an edited {@code applied} flag is named, whatever the database the ledger
 * lives in.
 */
class StateReplay {

    private static final int PAGE = 1000;

    private final JdbcTemplate ledger;

    StateReplay(JdbcTemplate ledger) {
        this.ledger = ledger;
    }

    /** The first difference between the state and the replayed log, or null when they agree. */
    String firstDifference() {
        SingleConnectionDataSource scratch = new SingleConnectionDataSource(
                "jdbc:h2:mem:replay-" + UUID.randomUUID(), "sa", "", true);
        try {
            Flyway.configure().dataSource(scratch)
                    .locations("classpath:db/migration/common", "classpath:db/migration/h2").load().migrate();
            JdbcTemplate replayed = new JdbcTemplate(scratch);
            String difference = replay(new EntryLog(ledger), new EntryLog(replayed), new Projection(replayed));
            return difference != null ? difference : StateTables.firstDifference(ledger, replayed);
        } finally {
            scratch.destroy();
        }
    }

    private static String replay(EntryLog source, EntryLog target, Projection projection) {
        long position = 0;
        while (true) {
            List<EntryLog.Stored> page = source.after(position, PAGE);
            for (EntryLog.Stored stored : page) {
                ChainLink link = stored.link();
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
                target.append(link, stored.entryHash());
                try {
                    projection.apply(doc, link.position(), applied, OffsetDateTime.ofInstant(link.receivedAt(),
                            ZoneOffset.UTC));
                } catch (IllegalStateException e) {
                    return e.getMessage();
                }
                position = link.position();
            }
            if (page.size() < PAGE) {
                return null;
            }
        }
    }
}
