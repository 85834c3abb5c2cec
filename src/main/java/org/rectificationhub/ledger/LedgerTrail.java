package org.rectificationhub.ledger;

import org.rectificationhub.department.Department;
import org.rectificationhub.department.Departments;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where entries came from, for operators tracing a report back to its channel: the entry log's own columns, never
 * its content. Every query is bounded and uses an index of the entry log or of the idempotency keys (a search by
 * updateId goes through the keys, one indexed lookup per department, as the log has no index on it).
 */
@Component
public class LedgerTrail {

    /** One entry of the log as a trace: the channel, the source it names, its place in the chain. */
    public record TracedEntry(long entryId, OffsetDateTime receivedAt, String hubInstance, String channel,
                              String source, String department, String kind, String updateId, String roundId,
                              Integer problemNo, Integer measureSeq, long sequence, boolean applied,
                              String entryHash) {
    }

    /** Any of these may be null; those given must all hold. */
    public record Criteria(String roundId, Integer problemNo, String department, String updateId) {
    }

    /** The problem as it stands, for a timeline's heading. */
    public record ProblemHeading(String roundId, int problemNo, String title, String status) {
    }

    private static final String COLUMNS = "select id, received_at, hub_instance, channel, source, department, kind,"
            + " update_id, round_id, problem_no, measure_seq, sequence, applied, entry_hash from ledger_entry";
    private static final RowMapper<TracedEntry> TRACE = (rs, i) -> new TracedEntry(rs.getLong("id"),
            rs.getObject("received_at", OffsetDateTime.class), rs.getString("hub_instance"), rs.getString("channel"),
            rs.getString("source"), rs.getString("department"), rs.getString("kind"), rs.getString("update_id"),
            rs.getString("round_id"), (Integer) rs.getObject("problem_no", Integer.class),
            (Integer) rs.getObject("measure_seq", Integer.class), rs.getLong("sequence"), rs.getBoolean("applied"),
            rs.getString("entry_hash"));

    private final JdbcTemplate jdbc;
    private final Departments departments;

    LedgerTrail(JdbcTemplate jdbc, Departments departments) {
        this.jdbc = jdbc;
        this.departments = departments;
    }

    /** Entries matching every criterion given, the newest first, at most {@code limit}. */
    public List<TracedEntry> search(Criteria criteria, int limit) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        List<Object> values = new ArrayList<>();
        if (criteria.updateId() != null) {
            List<Long> ids = entriesOfUpdateId(criteria.updateId(), criteria.department());
            if (ids.isEmpty()) {
                return List.of();
            }
            where.append(" and id in (").append(String.join(",", Collections.nCopies(ids.size(), "?"))).append(')');
            values.addAll(ids);
        }
        add(where, values, "round_id", criteria.roundId());
        add(where, values, "problem_no", criteria.problemNo());
        add(where, values, "department", criteria.department());
        values.add(limit);
        return jdbc.query(COLUMNS + where + " order by id desc limit ?", TRACE, values.toArray());
    }

    /**
     * A problem's entries in commit order: its progress reports and its round's registrations (which set its
     * catalogue fields), the latest {@code limit} of them.
     */
    public List<TracedEntry> ofProblem(String roundId, int problemNo, int limit) {
        // Two indexed queries rather than one with 'or', which H2 answers by scanning the log.
        List<TracedEntry> entries = new ArrayList<>(jdbc.query(COLUMNS + " where round_id = ? and problem_no = ?"
                + " order by id desc limit ?", TRACE, roundId, problemNo, limit));
        entries.addAll(jdbc.query(COLUMNS + " where round_id = ? and problem_no is null order by id desc limit ?",
                TRACE, roundId, limit));
        entries.sort(Comparator.comparingLong(TracedEntry::entryId));
        return entries.size() > limit ? List.copyOf(entries.subList(entries.size() - limit, entries.size())) : entries;
    }

    /** How many entries {@link #ofProblem} would list without a limit. */
    public long countOfProblem(String roundId, int problemNo) {
        return jdbc.queryForObject("select count(*) from ledger_entry where round_id = ? and problem_no = ?",
                Long.class, roundId, problemNo)
                + jdbc.queryForObject("select count(*) from ledger_entry where round_id = ? and problem_no is null",
                Long.class, roundId);
    }

    public Optional<ProblemHeading> problem(String roundId, int problemNo) {
        return jdbc.query("select title, status from problem where round_id = ? and problem_no = ?",
                (rs, i) -> new ProblemHeading(roundId, problemNo, rs.getString("title"), rs.getString("status")),
                roundId, problemNo).stream().findFirst();
    }

    /**
     * The latest input recorded or quarantined per channel and department since a moment: channel → department
     * → time. Bounded by the moment, so each department's lookup is a range of the (department, received_at) index.
     */
    public Map<String, Map<String, OffsetDateTime>> lastReceivedSince(OffsetDateTime since) {
        Map<String, Map<String, OffsetDateTime>> latest = new LinkedHashMap<>();
        for (Department department : departments.all()) {
            jdbc.query("select channel, max(received_at) from ledger_entry where department = ? and received_at >= ?"
                    + " group by channel", rs -> {
                note(latest, rs.getString(1), department.id(), rs.getObject(2, OffsetDateTime.class));
            }, department.id(), since);
        }
        jdbc.query("select channel, department, max(received_at) from quarantine where received_at >= ?"
                + " group by channel, department", rs -> {
            note(latest, rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class));
        }, since);
        return latest;
    }

    /** The entry recorded under an updateId, per department: the idempotency keys map each to one entry. */
    private List<Long> entriesOfUpdateId(String updateId, String department) {
        List<String> asked = department != null ? List.of(department)
                : departments.all().stream().map(Department::id).toList();
        List<Long> ids = new ArrayList<>();
        for (String d : asked) {
            ids.addAll(jdbc.queryForList("select entry_id from idempotency_key where department = ? and update_id = ?",
                    Long.class, d, updateId));
        }
        return ids;
    }

    private static void add(StringBuilder where, List<Object> values, String column, Object value) {
        if (value != null) {
            where.append(" and ").append(column).append(" = ?");
            values.add(value);
        }
    }

    private static void note(Map<String, Map<String, OffsetDateTime>> latest, String channel, String department,
                             OffsetDateTime at) {
        if (channel != null && at != null) {
            latest.computeIfAbsent(channel, c -> new LinkedHashMap<>())
                    .merge(department == null ? "unknown" : department, at, (a, b) -> a.isAfter(b) ? a : b);
        }
    }
}
