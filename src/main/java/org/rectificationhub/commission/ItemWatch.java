package org.rectificationhub.commission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.delivery.CommittedEntry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

/**
 * Follows each problem and measure through the entries the commission receives, in commit order: the status it
 * last had, and when the problem was last reported on (for silence). A step back raises a regression alert, a
 * closed item reopened a recurrence alert. Only applied entries count: a stale report changed nothing. An entry
 * older than the one the item last saw is passed over, so batches relayed out of order raise no false alarm (at
 * the price of missing a step back that a later entry already undid).
 */
@Component
class ItemWatch {

    private final JdbcTemplate jdbc;
    private final AlertBook alerts;

    ItemWatch(JdbcTemplate jdbc, AlertBook alerts) {
        this.jdbc = jdbc;
        this.alerts = alerts;
    }

    void observe(CommittedEntry entry) {
        if (!entry.applied()) {
            return;
        }
        JsonNode document = read(entry.canonicalJson());
        Timestamp at = Timestamp.from(entry.receivedAt());
        if ("round".equals(entry.kind())) {
            for (JsonNode problem : document.path("problems")) {
                int no = problem.path("problemNo").asInt();
                item(entry, document, no, 0, problem.path("status").asText(null), at);
                for (JsonNode measure : problem.path("measures")) {
                    item(entry, document, no, measure.path("seq").asInt(), measure.path("status").asText(null), at);
                }
            }
        } else if (entry.problemNo() != null) {
            int seq = document.path("measureSeq").asInt(0);
            item(entry, document, entry.problemNo(), seq, document.path("status").asText(null), at);
            if (seq != 0) {
                item(entry, document, entry.problemNo(), 0, null, at); // a report on a measure is news of the problem
            }
        }
    }

    /** Records the item's new status (null: unchanged) and raises an alert for a step back. */
    private void item(CommittedEntry entry, JsonNode document, int problemNo, int seq, String status, Timestamp at) {
        List<Map<String, Object>> before = jdbc.queryForList("select status, last_entry from commission_item"
                + " where round_id = ? and problem_no = ? and measure_seq = ?", entry.roundId(), problemNo, seq);
        if (!before.isEmpty() && ((Number) before.get(0).get("last_entry")).longValue() >= entry.entryId()) {
            // Handed over after a later entry (several hubs relay batches side by side): the item has moved on
            // already, and comparing with it would report a step back that never happened.
            return;
        }
        if (before.isEmpty()) {
            jdbc.update("insert into commission_item (round_id, problem_no, measure_seq, status, last_entry,"
                            + " last_report_at) values (?,?,?,?,?,?)", entry.roundId(), problemNo, seq,
                    status == null ? "not-started" : status, entry.entryId(), at);
            return;
        }
        String from = String.valueOf(before.get(0).get("status"));
        String to = status == null ? from : status;
        jdbc.update("update commission_item set status = ?, last_entry = ?, last_report_at = ? where round_id = ?"
                + " and problem_no = ? and measure_seq = ?", to, entry.entryId(), at, entry.roundId(), problemNo, seq);
        StatusMoves.of(from, to).ifPresent(move -> {
            ObjectNode data = JsonNodeFactory.instance.objectNode().put("problemNo", problemNo);
            if (seq != 0) {
                data.put("measureSeq", seq);
            }
            data.put("from", from).put("to", to).put("department", document.path("department").asText())
                    .put("entryId", entry.entryId()).put("entryHash", entry.entryHash());
            String kind = move == StatusMoves.Move.RECURRENCE ? "recurrence" : "regression";
            alerts.raise(kind + ":" + entry.entryId() + ":" + problemNo + ":" + seq, entry.roundId(), kind, data);
        });
    }

    private static JsonNode read(String json) {
        try {
            return CanonicalJson.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("a committed entry is unreadable", e);
        }
    }
}
