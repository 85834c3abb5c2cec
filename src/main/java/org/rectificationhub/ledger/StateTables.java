package org.rectificationhub.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.rectificationhub.canonical.CanonicalJson;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The current-state tables of one round, compared row by row and column by column between two databases; and a
 * state row an operator accepted, written into the replay where it was accepted.
 */
final class StateTables {

    /** Table, its key columns, ordered: each row of the state is named by them. Every one of them is per round. */
    private static final Map<String, List<String>> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("round", List.of("round_id"));
        TABLES.put("problem", List.of("round_id", "problem_no"));
        TABLES.put("measure", List.of("round_id", "problem_no", "seq"));
        TABLES.put("applied_sequence", List.of("department", "round_id", "problem_no"));
    }

    private StateTables() {
    }

    static java.util.Set<String> names() {
        return TABLES.keySet();
    }

    /** A row's name by its key columns' values, in the key's order: {@code [round-1, 4]}. */
    static String key(Object... values) {
        StringBuilder name = new StringBuilder("[");
        for (Object value : values) {
            name.append(name.length() > 1 ? ", " : "").append(value);
        }
        return name.append(']').toString();
    }

    static String keyOf(String table, Map<String, String> row) {
        return key(TABLES.get(table).stream().map(row::get).toArray());
    }

    /** The first stored row of the round that differs from what replaying the log gives, or null. */
    static StateDifference firstDifference(JdbcTemplate actual, RoundState expected, String roundId, long head) {
        for (Map.Entry<String, List<String>> table : TABLES.entrySet()) {
            Map<String, Map<String, String>> have = rows(actual, table.getKey(), table.getValue(), roundId);
            Map<String, Map<String, String>> should = expected.rows(table.getKey());
            List<String> names = new ArrayList<>(should.keySet());
            have.keySet().stream().filter(name -> !should.containsKey(name)).forEach(names::add);
            for (String name : names) {
                String problem = difference(table.getKey() + " " + name, have.get(name), should.get(name));
                if (problem != null) {
                    Map<String, String> row = have.containsKey(name) ? have.get(name) : should.get(name);
                    Map<String, Object> accepted = new TreeMap<>();
                    accepted.put("table", table.getKey());
                    accepted.put("round", roundId);
                    accepted.put("key", keyColumns(row, table.getValue()));
                    accepted.put("row", have.get(name));
                    return new StateDifference("current state: " + problem, new Finding("state",
                            table.getKey() + " " + name, CanonicalJson.write(accepted), head));
                }
            }
        }
        return null;
    }

    /** Which round an accepted state row belongs to. */
    static String roundOf(Finding accepted) {
        return read(accepted).path("round").asText();
    }

    /** Writes an accepted row into the replay as it stood (or removes it, when it was accepted as missing). */
    static void substitute(RoundState replay, Finding accepted) {
        JsonNode value = read(accepted);
        String table = value.path("table").asText();
        List<String> key = TABLES.get(table);
        if (key == null) {
            throw new IllegalStateException("an accepted state row names no state table: " + accepted.key());
        }
        String name = key(key.stream().map(column -> value.path("key").path(column).asText()).toArray());
        JsonNode row = value.path("row");
        if (!row.isObject()) {
            replay.substitute(table, name, null);
            return;
        }
        Map<String, String> columns = new LinkedHashMap<>();
        row.fields().forEachRemaining(column -> columns.put(column.getKey(),
                column.getValue().isNull() ? null : column.getValue().asText()));
        replay.substitute(table, name, columns);
    }

    private static String difference(String where, Map<String, String> found, Map<String, String> replayed) {
        if (found == null) {
            return where + " is missing; replaying the ledger gives " + replayed;
        }
        if (replayed == null) {
            return where + " is not in the ledger: replaying it gives no such row";
        }
        // Every column either side has: one the replay does not give is a difference too, not left unchecked.
        java.util.Set<String> columns = new java.util.LinkedHashSet<>(replayed.keySet());
        columns.addAll(found.keySet());
        for (String column : columns) {
            String value = found.get(column);
            if (!Objects.equals(value, replayed.get(column))) {
                return where + " has " + column + " = " + quote(value) + " but replaying the ledger gives "
                        + quote(replayed.get(column));
            }
        }
        return null;
    }

    private static Map<String, String> keyColumns(Map<String, String> row, List<String> key) {
        Map<String, String> values = new TreeMap<>();
        key.forEach(column -> values.put(column, row.get(column)));
        return values;
    }

    private static Map<String, Map<String, String>> rows(JdbcTemplate jdbc, String table, List<String> key,
                                                         String roundId) {
        Map<String, Map<String, String>> rows = new TreeMap<>();
        jdbc.query("select * from " + table + " where round_id = ? order by " + String.join(", ", key),
                (ResultSet rs) -> {
                    ResultSetMetaData meta = rs.getMetaData();
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), normal(rs, i));
                    }
                    rows.put(key(key.stream().map(row::get).toArray()), row);
                }, roundId);
        return rows;
    }

    private static JsonNode read(Finding accepted) {
        try {
            return CanonicalJson.readTree(accepted.value());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an accepted state row is not readable: " + accepted.key(), e);
        }
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
