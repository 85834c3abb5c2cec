package org.rectificationhub.ledger;

import org.rectificationhub.Databases;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.canonical.ProgressUpdate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The benchmark's baseline of the ledger path (B1, and the last step of B2): the rows the hub writes for progress
 * updates (entries hashed into the chain exactly as {@link ChainLink} does, idempotency keys, the problem's state,
 * the applied sequence, an outbox row per target, the chain head), as plain JDBC batches in one transaction per
 * batch, with no reads: the best the ledger path can do on this database.
 */
public final class RawLedgerWriter {

    private final DataSource dataSource;
    private final String instance;
    private final String upsertSequence;
    private long position;
    private String head;

    public RawLedgerWriter(DataSource dataSource, String instance) throws SQLException {
        this.dataSource = dataSource;
        this.instance = instance;
        boolean postgres = Databases.isPostgres(new org.springframework.jdbc.core.JdbcTemplate(dataSource));
        this.upsertSequence = postgres
                ? "insert into applied_sequence (department, round_id, problem_no, sequence) values (?,?,?,?)"
                + " on conflict (department, round_id, problem_no) do update set sequence = excluded.sequence"
                : "merge into applied_sequence (department, round_id, problem_no, sequence) key (department,"
                + " round_id, problem_no) values (?,?,?,?)";
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement()
                .executeQuery("select position, head_hash from ledger_head where id = 1")) {
            rs.next();
            position = rs.getLong(1);
            head = rs.getString(2);
        }
    }

    /** One transaction, batched statements, for the whole list. */
    public void write(List<ProgressUpdate> updates, String channel) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement entry = c.prepareStatement("insert into ledger_entry (id, received_at,"
                    + " hub_instance, channel, source, department, kind, update_id, round_id, problem_no, measure_seq,"
                    + " sequence, applied, content_hash, canonical_json, prev_hash, entry_hash, hash_version)"
                    + " values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
                 PreparedStatement key = c.prepareStatement("insert into idempotency_key (department, update_id,"
                         + " content_hash, entry_id) values (?,?,?,?)");
                 PreparedStatement problem = c.prepareStatement("update problem set status = ?, progress ="
                         + " coalesce(?, progress), entry_count = entry_count + 1, updated_entry = ?, updated_at = ?"
                         + " where round_id = ? and problem_no = ?");
                 PreparedStatement sequence = c.prepareStatement(upsertSequence);
                 PreparedStatement outbox = c.prepareStatement("insert into outbox (entry_id, target, created_at)"
                         + " values (?,?,?)");
                 PreparedStatement chain = c.prepareStatement("update ledger_head set position = ?, head_hash = ?"
                         + " where id = 1")) {
                Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
                for (ProgressUpdate u : updates) {
                    String json = CanonicalJson.write(u);
                    String contentHash = ChainLink.contentHashOf(json);
                    ChainLink link = new ChainLink(ChainLink.CURRENT_VERSION, head, ++position, now, instance, channel,
                            "bench", u.department(), "progress", u.updateId(), u.roundId(), u.problemNo(),
                            u.measureSeq(), u.sequence(), true, contentHash, json);
                    head = link.hash();
                    int i = 1;
                    entry.setLong(i++, position);
                    entry.setObject(i++, at);
                    entry.setString(i++, instance);
                    entry.setString(i++, channel);
                    entry.setString(i++, "bench");
                    entry.setString(i++, u.department());
                    entry.setString(i++, "progress");
                    entry.setString(i++, u.updateId());
                    entry.setString(i++, u.roundId());
                    entry.setObject(i++, u.problemNo());
                    entry.setObject(i++, u.measureSeq());
                    entry.setLong(i++, u.sequence());
                    entry.setBoolean(i++, true);
                    entry.setString(i++, contentHash);
                    entry.setString(i++, json);
                    entry.setString(i++, link.prevHash());
                    entry.setString(i++, head);
                    entry.setInt(i, link.version());
                    entry.addBatch();
                    key.setString(1, u.department());
                    key.setString(2, u.updateId());
                    key.setString(3, contentHash);
                    key.setLong(4, position);
                    key.addBatch();
                    problem.setString(1, u.status().code());
                    problem.setString(2, u.progress());
                    problem.setLong(3, position);
                    problem.setObject(4, at);
                    problem.setString(5, u.roundId());
                    problem.setInt(6, u.problemNo());
                    problem.addBatch();
                    sequence.setString(1, u.department());
                    sequence.setString(2, u.roundId());
                    sequence.setInt(3, u.problemNo());
                    sequence.setLong(4, u.sequence());
                    sequence.addBatch();
                    for (String target : Outbox.TARGETS) {
                        outbox.setLong(1, position);
                        outbox.setString(2, target);
                        outbox.setObject(3, at);
                        outbox.addBatch();
                    }
                }
                entry.executeBatch();
                key.executeBatch();
                problem.executeBatch();
                sequence.executeBatch();
                outbox.executeBatch();
                chain.setLong(1, position);
                chain.setString(2, head);
                chain.executeUpdate();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
