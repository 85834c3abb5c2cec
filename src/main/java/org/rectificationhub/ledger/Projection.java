package org.rectificationhub.ledger;

import com.fasterxml.jackson.core.type.TypeReference;
import org.rectificationhub.canonical.CanonicalDocument;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.canonical.ProgressUpdate;
import org.rectificationhub.canonical.RoundRegistration;
import org.rectificationhub.canonical.RoundRegistration.Measure;
import org.rectificationhub.canonical.RoundRegistration.Problem;
import org.rectificationhub.canonical.Status;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The current-state tables derived from the entry log. Only {@link Ledger} calls this, inside its transaction and
 * holding the chain lock, so read-then-write here cannot race another writer.
 */
@Component
class Projection {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    /** Where the state's statements go: to the database at once, or queued to the end of a batch. */
    interface Writes {
        void update(String sql, Object... args);
    }

    /** A department's last applied sequence for one problem. */
    record AppliedSequence(String department, int problemNo, long sequence) {
    }

    private static final String UPDATE_MEASURE = "update measure set status = ?, progress = coalesce(?, progress),"
            + " updated_entry = ? where round_id = ? and problem_no = ? and seq = ?";
    private static final String UPDATE_PROBLEM = "update problem set status = ?, progress = coalesce(?, progress),"
            + " exemption_ground = coalesce(?, exemption_ground), entry_count = entry_count + 1,"
            + " updated_entry = ?, updated_at = ? where round_id = ? and problem_no = ?";
    private static final String UPDATE_SEQUENCE = "update applied_sequence set sequence = ? where department = ?"
            + " and round_id = ? and problem_no = ?";
    private static final String INSERT_SEQUENCE = "insert into applied_sequence (sequence, department, round_id,"
            + " problem_no) values (?,?,?,?)";
    private static final String COUNT_ENTRY = "update problem set entry_count = entry_count + 1"
            + " where round_id = ? and problem_no = ?";

    private final JdbcTemplate jdbc;
    private final Writes atOnce;

    Projection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.atOnce = jdbc::update;
    }

    OptionalLong roundSequence(String roundId) {
        List<Long> rows = jdbc.queryForList(
                "select registered_sequence from round where round_id = ?", Long.class, roundId);
        return rows.isEmpty() ? OptionalLong.empty() : OptionalLong.of(rows.get(0));
    }

    Optional<ProblemState> problem(String roundId, int problemNo) {
        List<ProblemState> rows = jdbc.query(
                "select responsible_units, status from problem where round_id = ? and problem_no = ?",
                (rs, i) -> new ProblemState(roundId, problemNo, readStrings(rs.getString(1)),
                        Status.ofCode(rs.getString(2)), measures(roundId, problemNo)),
                roundId, problemNo);
        return rows.stream().findFirst();
    }

    /** The state of several problems of one round, in two queries per 500 problems. */
    Map<Integer, ProblemState> problems(String roundId, List<Integer> problemNos) {
        Map<Integer, ProblemState> found = new LinkedHashMap<>();
        for (List<Integer> chunk : chunks(problemNos)) {
            Map<Integer, Map<Integer, Status>> measures = new LinkedHashMap<>();
            jdbc.query("select problem_no, seq, status from measure where round_id = ? and problem_no in ("
                    + marks(chunk) + ") order by problem_no, seq", rs -> {
                measures.computeIfAbsent(rs.getInt(1), n -> new LinkedHashMap<>())
                        .put(rs.getInt(2), Status.ofCode(rs.getString(3)));
            }, args(roundId, chunk));
            jdbc.query("select problem_no, responsible_units, status from problem where round_id = ? and problem_no in ("
                    + marks(chunk) + ")", rs -> {
                int no = rs.getInt(1);
                found.put(no, new ProblemState(roundId, no, readStrings(rs.getString(2)),
                        Status.ofCode(rs.getString(3)), measures.getOrDefault(no, new LinkedHashMap<>())));
            }, args(roundId, chunk));
        }
        return found;
    }

    /** Every department's applied sequence for several problems of one round. */
    List<AppliedSequence> appliedSequences(String roundId, List<Integer> problemNos) {
        List<AppliedSequence> found = new java.util.ArrayList<>();
        for (List<Integer> chunk : chunks(problemNos)) {
            found.addAll(jdbc.query("select department, problem_no, sequence from applied_sequence where round_id = ?"
                            + " and problem_no in (" + marks(chunk) + ")",
                    (rs, i) -> new AppliedSequence(rs.getString(1), rs.getInt(2), rs.getLong(3)), args(roundId, chunk)));
        }
        return found;
    }

    OptionalLong appliedSequence(String department, String roundId, int problemNo) {
        List<Long> rows = jdbc.queryForList("select sequence from applied_sequence"
                + " where department = ? and round_id = ? and problem_no = ?", Long.class, department, roundId, problemNo);
        return rows.isEmpty() ? OptionalLong.empty() : OptionalLong.of(rows.get(0));
    }

    void registerRound(RoundRegistration doc, long entryId, OffsetDateTime now) {
        RoundRegistration.Round round = doc.round();
        String roundJson = CanonicalJson.write(round);
        int updated = jdbc.update("update round set inspection_team = ?, inspected_org = ?, feedback_date = ?,"
                        + " round_json = ?, registered_sequence = ?, updated_entry = ?, updated_at = ? where round_id = ?",
                round.inspectionTeam(), round.inspectedOrg(), round.feedbackDate(), roundJson, doc.sequence(),
                entryId, now, round.roundId());
        if (updated == 0) {
            jdbc.update("insert into round (round_id, inspection_team, inspected_org, feedback_date, round_json,"
                            + " registered_sequence, created_entry, updated_entry, updated_at) values (?,?,?,?,?,?,?,?,?)",
                    round.roundId(), round.inspectionTeam(), round.inspectedOrg(), round.feedbackDate(), roundJson,
                    doc.sequence(), entryId, entryId, now);
        }
        for (Problem problem : doc.problems()) {
            registerProblem(round.roundId(), problem, entryId, now);
        }
    }

    private void registerProblem(String roundId, Problem p, long entryId, OffsetDateTime now) {
        Optional<ProblemState> existing = problem(roundId, p.problemNo());
        Map<Integer, Status> before = existing.map(ProblemState::measures).orElse(Map.of());
        ProblemTransitions.Registered after = ProblemTransitions.registered(p, existing.map(ProblemState::status).orElse(null), before);
        Map<Integer, Status> measures = after.measures();
        upsertProblem(roundId, p, existing.isPresent(), after.status(), entryId, now);
        for (Measure m : p.measures()) {
            String next = measures.get(m.seq()).code();
            if (!before.containsKey(m.seq())) {
                jdbc.update("insert into measure (round_id, problem_no, seq, measure_text, status, progress,"
                        + " updated_entry) values (?,?,?,?,?,?,?)", roundId, p.problemNo(), m.seq(), m.text(),
                        next, m.progress(), entryId);
            } else {
                jdbc.update("update measure set measure_text = ?, status = ?, progress = coalesce(?, progress),"
                                + " updated_entry = ? where round_id = ? and problem_no = ? and seq = ?",
                        m.text(), next, m.progress(), entryId, roundId, p.problemNo(), m.seq());
            }
        }
    }

    private void upsertProblem(String roundId, Problem p, boolean exists, Status status, long entryId,
                               OffsetDateTime now) {
        String units = CanonicalJson.write(p.responsibleUnits());
        String detail = CanonicalJson.write(Map.of("evidence", p.evidence(), "notes", p.notes()));
        String deadline = p.deadline() == null ? null : p.deadline().toString();
        if (!exists) {
            jdbc.update("insert into problem (round_id, problem_no, category_no, category_title, title, feedback_text,"
                            + " responsible_units, responsible_leader, responsible_person, deadline, status, progress,"
                            + " detail_json, entry_count, updated_entry, updated_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,?)",
                    roundId, p.problemNo(), p.category().no(), p.category().title(), p.title(), p.feedbackText(),
                    units, p.responsibleLeader(), p.responsiblePerson(), deadline, status.code(), p.progress(),
                    detail, entryId, now);
            return;
        }
        // A notice names no responsible units and a ledger may carry no evidence: an empty list there means
        // "not stated", and nothing is deleted by omission.
        jdbc.update("update problem set category_no = ?, category_title = ?, title = ?,"
                        + " feedback_text = coalesce(?, feedback_text), responsible_units = coalesce(?, responsible_units),"
                        + " responsible_leader = coalesce(?, responsible_leader),"
                        + " responsible_person = coalesce(?, responsible_person), deadline = coalesce(?, deadline),"
                        + " status = ?, progress = coalesce(?, progress), detail_json = coalesce(?, detail_json),"
                        + " entry_count = entry_count + 1, updated_entry = ?, updated_at = ?"
                        + " where round_id = ? and problem_no = ?",
                p.category().no(), p.category().title(), p.title(), p.feedbackText(),
                p.responsibleUnits().isEmpty() ? null : units, p.responsibleLeader(), p.responsiblePerson(), deadline,
                status.code(), p.progress(), p.evidence().isEmpty() && p.notes().isEmpty() ? null : detail,
                entryId, now, roundId, p.problemNo());
    }

    /**
     * Writes a progress update's effect on the state and returns the problem's state after it. Whether the sender
     * already has a sequence for the problem is told, not read, so the statements can wait for the batch's end.
     */
    ProblemState applyProgress(ProgressUpdate u, ProblemState before, boolean hadSequence, long entryId,
                               OffsetDateTime at, Writes writes) {
        ProblemState after = ProblemTransitions.progressed(u, before);
        if (u.measureSeq() != null) {
            writes.update(UPDATE_MEASURE, u.status().code(), u.progress(), entryId, u.roundId(), u.problemNo(),
                    u.measureSeq());
        }
        writes.update(UPDATE_PROBLEM, after.status().code(), ProblemTransitions.problemProgress(u),
                u.isExempt() ? u.exemption().ground().code() : null, entryId, at, u.roundId(), u.problemNo());
        writes.update(hadSequence ? UPDATE_SEQUENCE : INSERT_SEQUENCE, u.sequence(), u.department(), u.roundId(),
                u.problemNo());
        return after;
    }


    /** Applies a committed entry to the current state; a stale one only counts as one of its problems' entries. */
    void apply(CanonicalDocument doc, long entryId, boolean applied, OffsetDateTime now) {
        if (doc instanceof RoundRegistration round) {
            if (applied) {
                registerRound(round, entryId, now);
            } else {
                round.problems().forEach(p -> countEntry(round.roundId(), p.problemNo(), atOnce));
            }
            return;
        }
        ProgressUpdate u = (ProgressUpdate) doc;
        if (applied) {
            applyProgress(u, problem(u.roundId(), u.problemNo()).orElseThrow(() -> new IllegalStateException(
                    "entry " + entryId + " reports on problem " + u.problemNo() + " of round " + u.roundId()
                            + ", which the ledger never registered")),
                    appliedSequence(u.department(), u.roundId(), u.problemNo()).isPresent(), entryId, now, atOnce);
        } else {
            countEntry(u.roundId(), u.problemNo(), atOnce);
        }
    }

    /**
     * Whether a committed document defines the current state: its sequence is newer than what the state already
     * holds. The same test the rules make, on the state alone, so a replay of the log decides as the ledger did.
     */
    boolean newer(CanonicalDocument doc) {
        if (doc instanceof RoundRegistration round) {
            OptionalLong registered = roundSequence(round.roundId());
            return registered.isEmpty() || doc.sequence() > registered.getAsLong();
        }
        ProgressUpdate u = (ProgressUpdate) doc;
        OptionalLong applied = appliedSequence(u.department(), u.roundId(), u.problemNo());
        return applied.isEmpty() || u.sequence() > applied.getAsLong();
    }

    /** A stale entry changes no state, but it is still one of the problem's entries. */
    void countEntry(String roundId, int problemNo, Writes writes) {
        writes.update(COUNT_ENTRY, roundId, problemNo);
    }

    private Map<Integer, Status> measures(String roundId, int problemNo) {
        Map<Integer, Status> measures = new LinkedHashMap<>();
        jdbc.query("select seq, status from measure where round_id = ? and problem_no = ? order by seq",
                rs -> {
                    measures.put(rs.getInt(1), Status.ofCode(rs.getString(2)));
                }, roundId, problemNo);
        return measures;
    }

    private static List<List<Integer>> chunks(List<Integer> values) {
        List<List<Integer>> chunks = new java.util.ArrayList<>();
        for (int from = 0; from < values.size(); from += 500) {
            chunks.add(values.subList(from, Math.min(values.size(), from + 500)));
        }
        return chunks;
    }

    private static String marks(List<?> values) {
        return String.join(",", java.util.Collections.nCopies(values.size(), "?"));
    }

    private static Object[] args(String roundId, List<Integer> values) {
        Object[] args = new Object[values.size() + 1];
        args[0] = roundId;
        for (int i = 0; i < values.size(); i++) {
            args[i + 1] = values.get(i);
        }
        return args;
    }

    private static List<String> readStrings(String json) {
        try {
            return CanonicalJson.mapper().readValue(json, STRINGS);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("responsible_units is not a JSON array: " + json, e);
        }
    }
}
