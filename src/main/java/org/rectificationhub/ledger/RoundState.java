package org.rectificationhub.ledger;

import org.rectificationhub.canonical.CanonicalDocument;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.canonical.ProgressUpdate;
import org.rectificationhub.canonical.RoundRegistration;
import org.rectificationhub.canonical.RoundRegistration.Measure;
import org.rectificationhub.canonical.RoundRegistration.Problem;
import org.rectificationhub.canonical.Status;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One round's current-state rows as the log gives them, computed in memory while the full check replays the round:
 * the rows the {@link Projection}'s statements leave, column by column, in the text form {@link StateTables} reads
 * the stored rows in. The statuses come from {@link ProblemTransitions}, the rule the projection writes by; the rest
 * is what its statements do (a value given replaces, an absent one keeps; counters count).
 */
final class RoundState {

    private final String roundId;
    private final Map<String, TreeMap<String, Map<String, String>>> tables = new LinkedHashMap<>();

    RoundState(String roundId) {
        this.roundId = roundId;
        StateTables.names().forEach(table -> tables.put(table, new TreeMap<>()));
    }

    /** The rows of a table, by their key as {@link StateTables} names it. */
    Map<String, Map<String, String>> rows(String table) {
        return tables.get(table);
    }

    /** Whether the entry defines the current state: newer than what the state holds (the rules' own test). */
    boolean newer(CanonicalDocument doc) {
        if (doc instanceof RoundRegistration) {
            Map<String, String> round = row("round", roundId);
            return round == null || doc.sequence() > Long.parseLong(round.get("registered_sequence"));
        }
        ProgressUpdate u = (ProgressUpdate) doc;
        Map<String, String> applied = row("applied_sequence", u.department(), roundId, u.problemNo());
        return applied == null || u.sequence() > Long.parseLong(applied.get("sequence"));
    }

    /** Applies an entry as the projection does; a stale one only counts as one of its problems' entries. */
    void apply(CanonicalDocument doc, long entryId, boolean applied, Instant at) {
        if (doc instanceof RoundRegistration round) {
            if (applied) {
                register(round, entryId, at);
            } else {
                round.problems().forEach(p -> countEntry(p.problemNo()));
            }
            return;
        }
        ProgressUpdate u = (ProgressUpdate) doc;
        if (!applied) {
            countEntry(u.problemNo());
            return;
        }
        Map<String, String> problem = row("problem", roundId, u.problemNo());
        if (problem == null) {
            throw new IllegalStateException("entry " + entryId + " reports on problem " + u.problemNo() + " of round "
                    + roundId + ", which the ledger never registered");
        }
        ProblemState after = ProblemTransitions.progressed(u, new ProblemState(roundId, u.problemNo(), List.of(),
                Status.ofCode(problem.get("status")), measures(u.problemNo())));
        if (u.measureSeq() != null) {
            Map<String, String> measure = row("measure", roundId, u.problemNo(), u.measureSeq());
            if (measure != null) {
                measure.put("status", u.status().code());
                given(measure, "progress", u.progress());
                measure.put("updated_entry", Long.toString(entryId));
            }
        }
        problem.put("status", after.status().code());
        given(problem, "progress", ProblemTransitions.problemProgress(u));
        given(problem, "exemption_ground", u.isExempt() ? u.exemption().ground().code() : null);
        count(problem);
        problem.put("updated_entry", Long.toString(entryId));
        problem.put("updated_at", at.toString());
        put("applied_sequence", columns("department", u.department(), "round_id", roundId, "problem_no",
                Integer.toString(u.problemNo()), "sequence", Long.toString(u.sequence())));
    }

    /** Writes a row an operator accepted as it stood, or removes it (accepted as missing). */
    void substitute(String table, String key, Map<String, String> row) {
        if (row == null) {
            tables.get(table).remove(key);
        } else {
            tables.get(table).put(key, new LinkedHashMap<>(row));
        }
    }

    private void register(RoundRegistration doc, long entryId, Instant at) {
        RoundRegistration.Round round = doc.round();
        Map<String, String> existing = row("round", roundId);
        String created = existing == null ? Long.toString(entryId) : existing.get("created_entry");
        put("round", columns("round_id", roundId, "inspection_team", text(round.inspectionTeam()),
                "inspected_org", text(round.inspectedOrg()), "feedback_date", text(round.feedbackDate()),
                "round_json", text(CanonicalJson.write(round)), "registered_sequence", Long.toString(doc.sequence()),
                "created_entry", created, "updated_entry", Long.toString(entryId), "updated_at", at.toString()));
        for (Problem p : doc.problems()) {
            registerProblem(p, entryId, at);
        }
    }

    private void registerProblem(Problem p, long entryId, Instant at) {
        Map<String, String> problem = row("problem", roundId, p.problemNo());
        boolean isNew = problem == null;
        Map<Integer, Status> before = isNew ? Map.of() : measures(p.problemNo());
        ProblemTransitions.Registered after = ProblemTransitions.registered(p,
                isNew ? null : Status.ofCode(problem.get("status")), before);
        if (isNew) {
            problem = put("problem", columns("round_id", roundId, "problem_no", Integer.toString(p.problemNo()),
                    "entry_count", "0", "feedback_text", null, "responsible_units", null, "responsible_leader", null,
                    "responsible_person", null, "deadline", null, "progress", null, "exemption_ground", null,
                    "detail_json", null));
        }
        problem.put("category_no", Integer.toString(p.category().no()));
        problem.put("category_title", text(p.category().title()));
        problem.put("title", text(p.title()));
        given(problem, "feedback_text", p.feedbackText());
        // A notice names no responsible units and a ledger may carry no evidence: "not stated", nothing deleted.
        // A notice names no responsible units and a ledger may carry no evidence: an empty list there means
        // "not stated", and nothing is deleted by omission.
        given(problem, "responsible_units", isNew || !p.responsibleUnits().isEmpty()
                ? CanonicalJson.write(p.responsibleUnits()) : null);
        given(problem, "responsible_leader", p.responsibleLeader());
        given(problem, "responsible_person", p.responsiblePerson());
        given(problem, "deadline", p.deadline() == null ? null : p.deadline().toString());
        problem.put("status", after.status().code());
        given(problem, "progress", p.progress());
        given(problem, "detail_json", isNew || !p.evidence().isEmpty() || !p.notes().isEmpty()
                ? CanonicalJson.write(Map.of("evidence", p.evidence(), "notes", p.notes())) : null);
        count(problem);
        problem.put("updated_entry", Long.toString(entryId));
        problem.put("updated_at", at.toString());
        for (Measure m : p.measures()) {
            Map<String, String> measure = row("measure", roundId, p.problemNo(), m.seq());
            if (measure == null) {
                measure = put("measure", columns("round_id", roundId, "problem_no", Integer.toString(p.problemNo()),
                        "seq", Integer.toString(m.seq()), "progress", null));
            }
            measure.put("measure_text", text(m.text()));
            measure.put("status", after.measures().get(m.seq()).code());
            given(measure, "progress", m.progress());
            measure.put("updated_entry", Long.toString(entryId));
        }
    }

    private void countEntry(int problemNo) {
        Map<String, String> problem = row("problem", roundId, problemNo);
        if (problem != null) {
            count(problem);
        }
    }

    /** The statuses of a problem's measures, in their order, as the projection reads them. */
    private Map<Integer, Status> measures(int problemNo) {
        Map<Integer, Status> measures = new TreeMap<>();
        String prefix = StateTables.key(roundId, problemNo).replace("]", ", ");
        tables.get("measure").subMap(prefix, prefix + Character.MAX_VALUE).values()
                .forEach(row -> measures.put(Integer.parseInt(row.get("seq")), Status.ofCode(row.get("status"))));
        return measures;
    }

    private static void count(Map<String, String> problem) {
        problem.put("entry_count", Long.toString(Long.parseLong(problem.get("entry_count")) + 1));
    }

    /** {@code coalesce(?, column)}: a value given replaces the column's, none keeps it. */
    private static void given(Map<String, String> row, String column, String value) {
        if (value != null) {
            row.put(column, text(value));
        }
    }

    private Map<String, String> row(String table, Object... key) {
        return tables.get(table).get(StateTables.key(key));
    }

    private Map<String, String> put(String table, Map<String, String> row) {
        Map<String, String> existing = tables.get(table).get(StateTables.keyOf(table, row));
        if (existing != null) {
            existing.putAll(row);
            return existing;
        }
        tables.get(table).put(StateTables.keyOf(table, row), row);
        return row;
    }

    private static Map<String, String> columns(String... namesAndValues) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }

    /** The text form the stored row is read in ({@link StateTables}: strings stripped). */
    private static String text(Object value) {
        return value == null ? null : value.toString().strip();
    }
}
