package org.rectificationhub.ledger;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Quarantined documents for operators, newest first, each with what became of it. */
@Component
public class QuarantineSearch {

    /**
     * Every part optional (null: any).
     *
     * @param reasonContains text the reason contains, case-insensitive
     * @param from           received at or after
     * @param to             received before
     * @param state          open, replayed or discarded
     */
    public record Filter(String channel, String department, String reasonContains, Instant from, Instant to,
                         String state, int limit) {

        public static Filter latest(int limit) {
            return new Filter(null, null, null, null, null, null, limit);
        }
    }

    private final JdbcTemplate jdbc;

    QuarantineSearch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Map<String, Object>> find(Filter filter) {
        StringBuilder sql = new StringBuilder("1 = 1");
        List<Object> args = new ArrayList<>();
        where(sql, args, "q.channel = ?", filter.channel());
        where(sql, args, "q.department = ?", filter.department());
        if (filter.reasonContains() != null && !filter.reasonContains().isEmpty()) {
            where(sql, args, "lower(q.reason) like ? escape '!'", "%" + filter.reasonContains().toLowerCase(Locale.ROOT)
                    .replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        where(sql, args, "q.received_at >= ?", utc(filter.from()));
        where(sql, args, "q.received_at < ?", utc(filter.to()));
        where(sql, args, "coalesce(r.state, '" + QuarantineResolutions.OPEN + "') = ?", filter.state());
        return where(sql.toString(), args, filter.limit());
    }

    /** Rows meeting a condition on the quarantine's columns (as q.*), newest first, each with its resolution. */
    List<Map<String, Object>> where(String condition, List<Object> values, int limit) {
        String sql = "select q.id, q.received_at, q.channel, q.department, q.source,"
                + " q.document_index, q.update_id, q.reason, q.original_size, q.input_id, q.hub_fault, r.result, r.state,"
                + " r.resolved_at, r.actor, r.entry_id, r.detail from quarantine q"
                // the latest resolution of each row; the table holds one row per operator's action, so it stays small
                + " left join (select quarantine_id, max(id) as last_id from quarantine_resolution group by"
                + " quarantine_id) l on l.quarantine_id = q.id left join quarantine_resolution r on r.id = l.last_id"
                + " where " + condition + " order by q.id desc limit ?";
        List<Object> args = new ArrayList<>(values);
        args.add(limit);
        return jdbc.query(sql, (rs, i) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", rs.getLong("id"));
            row.put("receivedAt", rs.getObject("received_at", OffsetDateTime.class));
            row.put("channel", rs.getString("channel"));
            row.put("department", rs.getString("department"));
            row.put("source", rs.getString("source"));
            row.put("documentIndex", rs.getObject("document_index"));
            row.put("updateId", rs.getString("update_id"));
            row.put("reason", rs.getString("reason"));
            row.put("originalSize", rs.getLong("original_size"));
            row.put("inputId", rs.getObject("input_id"));
            // parked: the hub failed on it, not the sender; replayed like any other once mended
            row.put("hubFault", rs.getBoolean("hub_fault"));
            String state = rs.getString("state");
            row.put("state", state == null ? QuarantineResolutions.OPEN : state);
            Map<String, Object> resolution = null;
            if (state != null) {
                resolution = new LinkedHashMap<>();
                resolution.put("result", rs.getString("result"));
                resolution.put("at", rs.getObject("resolved_at", OffsetDateTime.class));
                resolution.put("actor", rs.getString("actor"));
                resolution.put("entryId", rs.getObject("entry_id", Long.class));
                resolution.put("detail", rs.getString("detail"));
            }
            row.put("resolution", resolution);
            return row;
        }, args.toArray());
    }

    private static void where(StringBuilder sql, List<Object> args, String condition, Object value) {
        if (value != null && !"".equals(value)) {
            sql.append(" and ").append(condition);
            args.add(value);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
