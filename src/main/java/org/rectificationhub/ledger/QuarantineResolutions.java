package org.rectificationhub.ledger;

import com.fasterxml.jackson.core.type.TypeReference;
import org.rectificationhub.HubProperties;
import org.rectificationhub.canonical.CanonicalJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of quarantined documents: one append-only row per operator's action on one (replayed into the
 * ledger, found already recorded, rejected again, discarded), each saying the document's state after it. The
 * quarantine row itself is never changed; its state is the latest resolution's, open when there is none.
 */
@Component
public class QuarantineResolutions {

    public static final String OPEN = "open";
    public static final String REPLAYED = "replayed";
    public static final String DISCARDED = "discarded";
    public static final List<String> STATES = List.of(OPEN, REPLAYED, DISCARDED);

    /**
     * @param result  accepted, stale, duplicate or rejected (a replay), or discarded
     * @param state   the document's state after it: open, replayed or discarded
     * @param entryId the ledger entry that records the document, when a replay found or made one
     * @param detail  the ledger's note, the new reason, or the operator's comment
     */
    public record Resolution(long id, long quarantineId, OffsetDateTime at, String actor, String result, String state,
                             Long entryId, String detail) {
    }

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final String instanceId;

    QuarantineResolutions(JdbcTemplate jdbc, HubProperties properties) {
        this.jdbc = jdbc;
        this.instanceId = properties.instanceId();
    }

    /**
     * The document, its quarantine row locked until the caller's transaction ends, so two operators acting on it
     * at once (on one hub or several) act one after the other; empty when there is no such row.
     */
    public Optional<QuarantinedDocument> lock(long id) {
        if (jdbc.queryForList("select id from quarantine where id = ? for update", Long.class, id).isEmpty()) {
            return Optional.empty();
        }
        // Rows stored before inputs were kept apart (input_id null) hold the whole input as their original.
        return jdbc.query("select q.id, q.channel, q.department, q.source, q.document_index,"
                + " coalesce(i.stored, q.original) as bytes, coalesce(i.size, q.original_size) as size,"
                + " coalesce(i.sha256, q.original_sha256) as sha256, i.file_name, i.declared_charset, i.headers,"
                + " coalesce(i.arrived_at, i.received_at, q.received_at) as arrived_at from quarantine q"
                + " left join quarantine_input i on i.id = q.input_id where q.id = ?", (rs, n) ->
                new QuarantinedDocument(rs.getLong("id"), rs.getString("channel"), rs.getString("department"),
                        rs.getString("source"), rs.getObject("document_index") == null ? 1 : rs.getInt("document_index"),
                        rs.getBytes("bytes"), rs.getLong("size"), rs.getString("sha256"), rs.getString("file_name"),
                        rs.getString("declared_charset"), headers(rs.getString("headers")),
                        rs.getObject("arrived_at", OffsetDateTime.class).toInstant()), id).stream().findFirst();
    }

    /** The latest resolution of the document, if any. */
    public Optional<Resolution> latest(long quarantineId) {
        return history(quarantineId).stream().reduce((earlier, later) -> later);
    }

    /** Every resolution of the document, oldest first. */
    public List<Resolution> history(long quarantineId) {
        return jdbc.query("select id, quarantine_id, resolved_at, actor, result, state, entry_id, detail from"
                + " quarantine_resolution where quarantine_id = ? order by id", (rs, n) -> new Resolution(
                rs.getLong("id"), rs.getLong("quarantine_id"), rs.getObject("resolved_at", OffsetDateTime.class),
                rs.getString("actor"), rs.getString("result"), rs.getString("state"),
                (Long) rs.getObject("entry_id", Long.class), rs.getString("detail")), quarantineId);
    }

    public void add(long quarantineId, String actor, String result, String state, Long entryId, String detail) {
        if (!STATES.contains(state)) {
            throw new IllegalArgumentException("state: expected one of " + STATES + ", not " + state);
        }
        jdbc.update("insert into quarantine_resolution (quarantine_id, resolved_at, hub_instance, actor, result, state,"
                + " entry_id, detail) values (?,?,?,?,?,?,?,?)", quarantineId,
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS), instanceId, actor, result, state,
                entryId, detail);
    }

    private static Map<String, String> headers(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            Map<String, String> headers = new LinkedHashMap<>(CanonicalJson.mapper().readValue(json, HEADERS));
            headers.values().removeIf(Objects::isNull);
            return headers;
        } catch (Exception unreadable) {
            return Map.of(); // written by the hub itself as JSON; unreadable only if edited by hand
        }
    }
}
