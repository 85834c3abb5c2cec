package org.rectificationhub.commission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rectificationhub.canonical.CanonicalJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

/**
 * The alerts raised for the commission, each once: an alert is known by its key (what, which item, which level or
 * period), and a key already raised is not raised again, whichever hub instance or tick comes across it.
 */
@Component
class AlertBook {

    /** An alert as stored: published once, then marked. */
    record Alert(long id, String roundId, String key, ObjectNode data) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    AlertBook(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Raises the alert unless its key was raised before; true when it is new. */
    boolean raise(String key, String roundId, String kind, ObjectNode data) {
        data.put("kind", kind);
        data.put("raisedAt", clock.instant().toString());
        if (roundId != null) {
            data.put("roundId", roundId);
        }
        return jdbc.update("insert into commission_alert (alert_key, round_id, kind, raised_at, alert_json)"
                        + " select ?, ?, ?, ?, ? where not exists (select 1 from commission_alert where alert_key = ?)",
                key, roundId, kind, Timestamp.from(clock.instant()), CanonicalJson.write(data), key) == 1;
    }

    List<Alert> unpublished(int limit, String lock) {
        return jdbc.query("select id, round_id, alert_key, alert_json from commission_alert where published_at is null"
                + " order by id limit ?" + lock, (rs, i) -> new Alert(rs.getLong("id"), rs.getString("round_id"),
                rs.getString("alert_key"), read(rs.getString("alert_json"))), limit);
    }

    void published(long id) {
        jdbc.update("update commission_alert set published_at = ? where id = ?", Timestamp.from(clock.instant()), id);
    }

    private static ObjectNode read(String json) {
        try {
            return (ObjectNode) CanonicalJson.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("a stored alert is unreadable", e);
        }
    }
}
