package org.rectificationhub.ledger;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** The current-state tables, compared row by row and column by column between two databases. */
final class StateTables {

    /** Table, its key columns, ordered: each row of the state is named by them. */
    private static final List<String[]> TABLES = List.of(
            new String[] {"round", "round_id"},
            new String[] {"problem", "round_id, problem_no"},
            new String[] {"measure", "round_id, problem_no, seq"},
            new String[] {"applied_sequence", "department, round_id, problem_no"},
            new String[] {"idempotency_key", "department, update_id"});

    private StateTables() {
    }

    static String firstDifference(JdbcTemplate actual, JdbcTemplate expected) {
        for (String[] table : TABLES) {
            Map<String, Map<String, String>> have = rows(actual, table[0], table[1]);
            Map<String, Map<String, String>> should = rows(expected, table[0], table[1]);
            for (Map.Entry<String, Map<String, String>> row : should.entrySet()) {
                Map<String, String> found = have.remove(row.getKey());
                String where = table[0] + " " + row.getKey();
                if (found == null) {
                    return "current state: " + where + " is missing; replaying the ledger gives " + row.getValue();
                }
                for (Map.Entry<String, String> column : row.getValue().entrySet()) {
                    String value = found.get(column.getKey());
                    if (!Objects.equals(value, column.getValue())) {
                        return "current state: " + where + " has " + column.getKey() + " = " + quote(value)
                                + " but replaying the ledger gives " + quote(column.getValue());
                    }
                }
            }
            if (!have.isEmpty()) {
                return "current state: " + table[0] + " " + have.keySet().iterator().next()
                        + " is not in the ledger: replaying it gives no such row";
            }
        }
        return null;
    }

    private static Map<String, Map<String, String>> rows(JdbcTemplate jdbc, String table, String key) {
        Map<String, Map<String, String>> rows = new TreeMap<>();
        jdbc.query("select * from " + table + " order by " + key, (ResultSet rs) -> {
            ResultSetMetaData meta = rs.getMetaData();
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), normal(rs, i));
            }
            StringBuilder name = new StringBuilder("[");
            for (String column : key.split(",\\s*")) {
                name.append(name.length() > 1 ? ", " : "").append(row.get(column));
            }
            rows.put(name.append(']').toString(), row);
        });
        return rows;
    }

    /** One text form for what H2 and PostgreSQL return differently (timestamps, dates, numbers, padded chars). */
    private static String normal(ResultSet rs, int column) throws SQLException {
        Object value = rs.getObject(column);
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp || value instanceof OffsetDateTime) {
            return rs.getObject(column, OffsetDateTime.class).toInstant().toString();
        }
        if (value instanceof Number number) {
            return number instanceof java.math.BigDecimal decimal ? decimal.stripTrailingZeros().toPlainString()
                    : Long.toString(number.longValue());
        }
        return value.toString().strip();
    }

    private static String quote(String value) {
        return value == null ? "null" : "'" + (value.length() > 80 ? value.substring(0, 80) + "…" : value) + "'";
    }
}
