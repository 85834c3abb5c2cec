package org.rectificationhub.ledger;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements of a ledger batch, run at its end as one JDBC batch per statement instead of one round trip per
 * row. Inserts run before updates, each in the order first used: the entries (queued first) exist before the rows
 * that refer to them, and a row inserted by the batch exists before the batch's updates of it (an update run first
 * would find no row, and the insert would then leave the older value). Rows of one statement keep their order, and
 * the updates of different statements touch different columns or commute (counters). Nothing of the batch reads
 * these rows back before the flush: {@link BatchReads} holds what the batch itself wrote.
 */
final class DeferredSql implements Projection.Writes {

    private final Map<String, List<Object[]>> rowsBySql = new LinkedHashMap<>();

    @Override
    public void update(String sql, Object... args) {
        rowsBySql.computeIfAbsent(sql, s -> new ArrayList<>()).add(args);
    }

    void flush(JdbcTemplate jdbc) {
        rowsBySql.forEach((sql, rows) -> {
            if (isInsert(sql)) {
                jdbc.batchUpdate(sql, rows);
            }
        });
        rowsBySql.forEach((sql, rows) -> {
            if (!isInsert(sql)) {
                jdbc.batchUpdate(sql, rows);
            }
        });
        rowsBySql.clear();
    }

    private static boolean isInsert(String sql) {
        return sql.regionMatches(true, 0, "insert", 0, 6);
    }
}
