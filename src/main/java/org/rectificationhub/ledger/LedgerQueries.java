package org.rectificationhub.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import org.rectificationhub.canonical.CanonicalJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Read models of the current state, for operators and for the channels that report back to senders. */
@Component
public class LedgerQueries {

    private final JdbcTemplate jdbc;

    LedgerQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Map<String, Object>> rounds() {
        return jdbc.query("select r.round_id, r.inspection_team, r.inspected_org, r.feedback_date, r.round_json,"
                + " r.registered_sequence, r.updated_at, (select count(*) from problem p where p.round_id = r.round_id)"
                + " as problems from round r order by r.feedback_date desc, r.round_id", (rs, i) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("roundId", rs.getString("round_id"));
            row.put("inspectionTeam", rs.getString("inspection_team"));
            row.put("inspectedOrg", rs.getString("inspected_org"));
            row.put("feedbackDate", rs.getObject("feedback_date", java.time.LocalDate.class));
            row.put("problems", rs.getLong("problems"));
            row.put("registeredSequence", rs.getLong("registered_sequence"));
            row.put("updatedAt", rs.getObject("updated_at", OffsetDateTime.class));
            row.put("round", json(rs.getString("round_json")));
            return row;
        });
    }

    /** The round object as last registered under this id. */
    public Optional<JsonNode> registeredRound(String roundId) {
        return jdbc.queryForList("select round_json from round where round_id = ?", String.class, roundId).stream()
                .findFirst().map(LedgerQueries::json);
    }

    /** Rounds registered for an inspection team and organisation, the latest feedback first. */
    public List<JsonNode> registeredRounds(String inspectionTeam, String inspectedOrg) {
        return jdbc.queryForList("select round_json from round where inspection_team = ? and inspected_org = ?"
                        + " order by feedback_date desc", String.class, inspectionTeam, inspectedOrg).stream()
                .map(LedgerQueries::json).toList();
    }

    public boolean roundExists(String roundId) {
        return !jdbc.queryForList("select 1 from round where round_id = ?", Integer.class, roundId).isEmpty();
    }

    public Optional<List<Map<String, Object>>> problems(String roundId) {
        if (!roundExists(roundId)) {
            return Optional.empty();
        }
        Map<Integer, List<Map<String, Object>>> measures = new LinkedHashMap<>();
        jdbc.query("select problem_no, seq, measure_text, status, progress from measure where round_id = ?"
                + " order by problem_no, seq", (ResultSet rs) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", rs.getInt("seq"));
            m.put("text", rs.getString("measure_text"));
            m.put("status", rs.getString("status"));
            m.put("progress", rs.getString("progress"));
            measures.computeIfAbsent(rs.getInt("problem_no"), k -> new ArrayList<>()).add(m);
        }, roundId);
        return Optional.of(jdbc.query("select * from problem where round_id = ? order by problem_no",
                (rs, i) -> problem(rs, measures), roundId));
    }

    private static Map<String, Object> problem(ResultSet rs, Map<Integer, List<Map<String, Object>>> measures)
            throws SQLException {
        int no = rs.getInt("problem_no");
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("problemNo", no);
        row.put("category", Map.of("no", rs.getInt("category_no"), "title", rs.getString("category_title")));
        row.put("title", rs.getString("title"));
        row.put("feedbackText", rs.getString("feedback_text"));
        row.put("status", rs.getString("status"));
        row.put("progress", rs.getString("progress"));
        row.put("responsibleUnits", json(rs.getString("responsible_units")));
        row.put("responsibleLeader", rs.getString("responsible_leader"));
        row.put("responsiblePerson", rs.getString("responsible_person"));
        row.put("deadline", rs.getString("deadline"));
        row.put("exemption", rs.getString("exemption_ground"));
        row.put("measures", measures.getOrDefault(no, List.of()));
        row.put("detail", json(rs.getString("detail_json")));
        row.put("entries", rs.getInt("entry_count"));
        row.put("updatedAt", rs.getObject("updated_at", OffsetDateTime.class));
        return row;
    }

    /** Rows a paged reading holds at once, however long the history it reads: a report is at most 20 MB. */
    public static final int PAGE = 100;

    /**
     * Every progress entry of a round in commit order, applied or kept in history only, with its canonical JSON (every
     * field: the commission reads the confidential ones). Whole, in one list: for checks on rounds of known size only;
     * the hub's own readers page through {@link #roundProgressAfter} and {@link #problemProgressAfter}.
     */
    public List<Map<String, Object>> roundProgress(String roundId) {
        List<Map<String, Object>> all = new ArrayList<>();
        roundProgressAfter(roundId, 0, null, all::add);
        return all;
    }

    /**
     * The round's progress entries after the given one, in commit order (only those whose document has the field,
     * unless it is null), handed over one by one and read {@link #PAGE} rows at a time. Entries are numbered and
     * committed in chain order under the head's row lock, so a reader that has seen entry N never later finds a new
     * entry numbered N or below: reading on from the last one seen misses nothing. The text match on the canonical
     * JSON (which the hub writes itself, a key always as "name":) only spares reading the others; the caller still
     * reads the field from each document.
     */
    public void roundProgressAfter(String roundId, long afterEntryId, String field, Consumer<Map<String, Object>> each) {
        if (field == null) {
            pages("round_id = ?", List.of(roundId), afterEntryId, each);
        } else {
            pages("round_id = ? and canonical_json like ?", List.of(roundId, "%\"" + field + "\":%"), afterEntryId, each);
        }
    }

    /** One problem's progress entries after the given one, in commit order, read {@link #PAGE} rows at a time. */
    public void problemProgressAfter(String roundId, int problemNo, long afterEntryId,
                                     Consumer<Map<String, Object>> each) {
        pages("round_id = ? and problem_no = ?", List.of(roundId, problemNo), afterEntryId, each);
    }

    /** Keyset pages: each query starts after the last entry handed over, so no page holds more than PAGE rows. */
    private void pages(String condition, List<Object> args, long afterEntryId, Consumer<Map<String, Object>> each) {
        long after = afterEntryId;
        List<Map<String, Object>> page;
        do {
            List<Object> bound = new ArrayList<>(args);
            bound.add(after);
            bound.add(PAGE);
            page = jdbc.query("select id, problem_no, applied, received_at, canonical_json from ledger_entry where "
                    + condition + " and kind = 'progress' and id > ? order by id limit ?", (rs, i) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("entryId", rs.getLong("id"));
                row.put("problemNo", rs.getInt("problem_no"));
                row.put("applied", rs.getBoolean("applied"));
                row.put("receivedAt", rs.getObject("received_at", OffsetDateTime.class));
                row.put("document", json(rs.getString("canonical_json")));
                return row;
            }, bound.toArray());
            if (!page.isEmpty()) {
                after = (Long) page.get(page.size() - 1).get("entryId");
            }
            page.forEach(each);
        } while (page.size() == PAGE);
    }

    public long entryCount() {
        return jdbc.queryForObject("select count(*) from ledger_entry", Long.class);
    }

    /**
     * @param entries      the chain's length (its head's position: entries are numbered 1..N without gaps)
     * @param openProblems problems neither completed nor closed
     */
    public record Headline(long entries, long rounds, long problems, long openProblems) {
    }

    /** Numbers an operator glances at, each read from a single row or a small table, cheap enough to poll. */
    public Headline headline() {
        return jdbc.queryForObject("select (select position from ledger_head where id = 1),"
                + " (select count(*) from round), (select count(*) from problem),"
                + " (select count(*) from problem where status not in ('completed', 'closed'))",
                (rs, i) -> new Headline(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
    }

    private static JsonNode json(String text) {
        try {
            return CanonicalJson.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }
}
