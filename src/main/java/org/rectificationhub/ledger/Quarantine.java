package org.rectificationhub.ledger;

import org.rectificationhub.HubProperties;
import org.rectificationhub.canonical.CanonicalJson;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every rejected document with a reason a person can act on. The input behind it is stored once; a document keeps
 * its own bytes when it is a part of the input, else refers to the input by index. Taking the same arrival again
 * adds nothing: each arrival and each document of it has a de-duplication key.
 */
@Component
public class Quarantine {

    /**
     * The input behind one or more rejected documents.
     *
     * @param size    the input's true size, even when {@code bytes} holds only its first bytes
     * @param sha256  of the whole input
     * @param headers channel headers as bounded JSON, or null
     * @param fileName the name it came under, or null; with the charset and arrival, what a replay reads it by
     * @param declaredCharset the charset its channel declared, or null
     * @param arrivedAt when it arrived as the channel keeps it, or null
     */
    public record Input(String channel, String department, String source, long size, String sha256, byte[] bytes,
                        String headers, String fileName, String declaredCharset, Instant arrivedAt) {
    }

    /**
     * @param documentIndex which document of the input, from 1
     * @param ownBytes      the document's own bytes (a slice of the input), or null when the input is its reference
     */
    public record Rejected(int documentIndex, String updateId, String reason, byte[] ownBytes) {
    }

    private final JdbcTemplate jdbc;
    private final QuarantineSearch search;
    private final String instanceId;
    private final int maxStoredBytes;

    Quarantine(JdbcTemplate jdbc, QuarantineSearch search, HubProperties properties) {
        this.jdbc = jdbc;
        this.search = search;
        this.instanceId = properties.instanceId();
        this.maxStoredBytes = (int) Math.min(Integer.MAX_VALUE - 8, properties.limits().maxInputSize().toBytes());
    }

    /**
     * Stores each arrival of an input once and each of its rejected documents once; returns the quarantine ids in
     * the given order. An arrival is the input's bytes, where it came from (file, topic-partition@offset, mail) and
     * when: the same arrival taken again (after a crash, or replayed) is one row, while the same bytes arriving again
     * (a department re-sending the same empty file) are a new row, whatever became of the first.
     */
    public List<Long> record(Input input, List<Rejected> rejected) {
        return store(input, rejected, false);
    }

    /**
     * Keeps a document the hub failed on (its own fault, not the sender's): stored like a rejected one, so an operator
     * replays it the same way once mended, but marked as the hub's fault. Returns its quarantine id.
     */
    public long park(Input input, Rejected document) {
        return store(input, List.of(document), true).get(0);
    }

    private List<Long> store(Input input, List<Rejected> rejected, boolean hubFault) {
        String inputKey = CanonicalJson.sha256(input.channel() + "\n" + input.department() + "\n" + input.sha256()
                + "\n" + input.source() + "\n" + (input.arrivedAt() == null ? ""
                : input.arrivedAt().truncatedTo(ChronoUnit.MICROS)));
        long inputId = existing("quarantine_input", inputKey).orElseGet(() -> insertInput(input, inputKey));
        List<Long> ids = new ArrayList<>(rejected.size());
        for (Rejected document : rejected) {
            String key = CanonicalJson.sha256(inputKey + "\n" + document.documentIndex());
            ids.add(existing("quarantine", key).orElseGet(() -> insertDocument(input, inputId, document, key, hubFault)));
        }
        return ids;
    }

    /** The latest rows, newest first, each with what became of it (see {@link QuarantineSearch}). */
    public List<Map<String, Object>> recent(int limit) {
        return search.find(QuarantineSearch.Filter.latest(limit));
    }

    /**
     * Rejected documents that carried one of these updateIds (what a rejected document says of its round and problem
     * is not kept apart from its bytes), of one department when given, the newest first, at most {@code limit}.
     */
    public List<Map<String, Object>> ofUpdateIds(Collection<String> updateIds, String department, int limit) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> ids = List.copyOf(new LinkedHashSet<>(updateIds));
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            List<Object> values = new ArrayList<>(chunk);
            String where = "q.update_id in (" + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")";
            if (department != null) {
                where += " and q.department = ?";
                values.add(department);
            }
            rows.addAll(search.where(where, values, limit));
        }
        rows.sort(Comparator.comparingLong((Map<String, Object> row) -> (Long) row.get("id")).reversed());
        return rows.size() > limit ? List.copyOf(rows.subList(0, limit)) : rows;
    }

    /** Documents quarantined since a moment (an indexed count), and when the latest one was. */
    public record Recent(long since, OffsetDateTime latest) {
    }

    public Recent countSince(Instant since) {
        return jdbc.queryForObject("select (select count(*) from quarantine where received_at >= ?),"
                + " (select max(received_at) from quarantine)", (rs, i) -> new Recent(rs.getLong(1),
                rs.getObject(2, OffsetDateTime.class)), since.atOffset(ZoneOffset.UTC));
    }

    /** One row as {@link #recent} gives it, or null. */
    public Map<String, Object> one(long id) {
        return search.where("q.id = ?", List.of(id), 1).stream().findFirst().orElse(null);
    }

    /** The document's own bytes, or the input it refers to. */
    public byte[] original(long id) {
        List<byte[]> rows = jdbc.query("select coalesce(q.original, i.stored) from quarantine q left join"
                + " quarantine_input i on i.id = q.input_id where q.id = ?", (rs, i) -> rs.getBytes(1), id);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private Optional<Long> existing(String table, String key) {
        return jdbc.queryForList("select id from " + table + " where dedup_key = ?", Long.class, key).stream()
                .findFirst();
    }

    private long insertInput(Input input, String key) {
        byte[] bytes = input.bytes().length > maxStoredBytes ? Arrays.copyOf(input.bytes(), maxStoredBytes) : input.bytes();
        return insertOnce("quarantine_input", key, "insert into quarantine_input (received_at, hub_instance, channel,"
                + " department, source, size, sha256, stored, headers, dedup_key, file_name, declared_charset,"
                + " arrived_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                now(), instanceId, input.channel(), truncate(input.department(), 64), truncate(input.source(), 512),
                input.size(), input.sha256(), bytes, input.headers(), key, truncate(input.fileName(), 255),
                truncate(input.declaredCharset(), 64), input.arrivedAt() == null ? null
                        : OffsetDateTime.ofInstant(input.arrivedAt(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
    }

    private long insertDocument(Input input, long inputId, Rejected document, String key, boolean hubFault) {
        byte[] own = document.ownBytes();
        return insertOnce("quarantine", key, "insert into quarantine (received_at, hub_instance, channel, department,"
                + " source, document_index, update_id, reason, original_size, original_sha256, original, input_id,"
                + " dedup_key, hub_fault) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                now(), instanceId, input.channel(), truncate(input.department(), 64), truncate(input.source(), 512),
                document.documentIndex(), truncate(document.updateId(), 128), document.reason(),
                own == null ? input.size() : own.length, own == null ? input.sha256() : CanonicalJson.sha256(own),
                own, inputId, key, hubFault);
    }

    /** Another hub instance may store the same key at the same moment: then its row stands. */
    private long insertOnce(String table, String key, String sql, Object... values) {
        GeneratedKeyHolder generated = new GeneratedKeyHolder();
        try {
            jdbc.update(con -> {
                PreparedStatement ps = con.prepareStatement(sql, new String[] {"id"});
                for (int i = 0; i < values.length; i++) {
                    StatementCreatorUtils.setParameterValue(ps, i + 1, SqlTypeValue.TYPE_UNKNOWN, values[i]);
                }
                return ps;
            }, generated);
        } catch (DuplicateKeyException raced) {
            return existing(table, key).orElseThrow(() -> raced);
        }
        return generated.getKey().longValue();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
