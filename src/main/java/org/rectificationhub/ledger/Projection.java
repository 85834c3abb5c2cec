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

    private final JdbcTemplate jdbc;

    Projection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
        Map<Integer, Status> measures = new LinkedHashMap<>(before);
        for (Measure m : p.measures()) {
            measures.put(m.seq(), amended(before.get(m.seq()), m.status()));
        }
        Status current = existing.map(ProblemState::status).orElse(null);
        boolean declaresStatus = p.status() != null || p.measures().stream().anyMatch(m -> m.status() != null);
        Status declared = p.status() != null ? p.status() : StatusRollup.of(measures.values(), Status.NOT_STARTED);
        Status status = current != null && !declaresStatus ? current : amended(current, declared);
        upsertProblem(roundId, p, existing.isPresent(), status, entryId, now);
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
     * A registration may restate statuses (a later notice of the same round); it moves an item only where the
     * move makes sense, otherwise the state reported since stands.
     */
    private static Status amended(Status current, Status declared) {
        if (current == null) {
            return declared == null ? Status.NOT_STARTED : declared;
        }
        if (declared == null || StatusTransitions.refusal(current, declared, true).isPresent()) {
            return current;
        }
        return declared;
    }

    void applyProgress(ProgressUpdate u, ProblemState before, long entryId, OffsetDateTime now) {
        Status problemStatus = u.status();
        String problemProgress = u.progress();
        if (u.measureSeq() != null) {
            jdbc.update("update measure set status = ?, progress = coalesce(?, progress), updated_entry = ?"
                            + " where round_id = ? and problem_no = ? and seq = ?",
                    u.status().code(), u.progress(), entryId, u.roundId(), u.problemNo(), u.measureSeq());
            Map<Integer, Status> measures = new LinkedHashMap<>(before.measures());
            measures.put(u.measureSeq(), u.status());
            problemStatus = StatusRollup.of(measures.values(), before.status());
            problemProgress = null;
        }
        jdbc.update("update problem set status = ?, progress = coalesce(?, progress),"
                        + " exemption_ground = coalesce(?, exemption_ground), entry_count = entry_count + 1,"
                        + " updated_entry = ?, updated_at = ? where round_id = ? and problem_no = ?",
                problemStatus.code(), problemProgress, u.isExempt() ? u.exemption().ground().code() : null,
                entryId, now, u.roundId(), u.problemNo());
        if (jdbc.update("update applied_sequence set sequence = ? where department = ? and round_id = ?"
                + " and problem_no = ?", u.sequence(), u.department(), u.roundId(), u.problemNo()) == 0) {
            jdbc.update("insert into applied_sequence (department, round_id, problem_no, sequence) values (?,?,?,?)",
                    u.department(), u.roundId(), u.problemNo(), u.sequence());
        }
    }

    /** Applies a committed entry to the current state; a stale one only counts as one of its problems' entries. */
    void apply(CanonicalDocument doc, long entryId, boolean applied, OffsetDateTime now) {
        if (doc instanceof RoundRegistration round) {
            if (applied) {
                registerRound(round, entryId, now);
            } else {
                round.problems().forEach(p -> countEntry(round.roundId(), p.problemNo()));
            }
            return;
        }
        ProgressUpdate u = (ProgressUpdate) doc;
        if (applied) {
            applyProgress(u, problem(u.roundId(), u.problemNo()).orElseThrow(() -> new IllegalStateException(
                    "entry " + entryId + " reports on problem " + u.problemNo() + " of round " + u.roundId()
                            + ", which the ledger never registered")), entryId, now);
        } else {
            countEntry(u.roundId(), u.problemNo());
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
    void countEntry(String roundId, int problemNo) {
        jdbc.update("update problem set entry_count = entry_count + 1 where round_id = ? and problem_no = ?",
                roundId, problemNo);
    }

    private Map<Integer, Status> measures(String roundId, int problemNo) {
        Map<Integer, Status> measures = new LinkedHashMap<>();
        jdbc.query("select seq, status from measure where round_id = ? and problem_no = ? order by seq",
                rs -> {
                    measures.put(rs.getInt(1), Status.ofCode(rs.getString(2)));
                }, roundId, problemNo);
        return measures;
    }

    private static List<String> readStrings(String json) {
        try {
            return CanonicalJson.mapper().readValue(json, STRINGS);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("responsible_units is not a JSON array: " + json, e);
        }
    }
}
