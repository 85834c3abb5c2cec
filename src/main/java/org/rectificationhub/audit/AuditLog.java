package org.rectificationhub.audit;

import org.rectificationhub.HubProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What operators did to the hub: every action that changes its state, attempted, refused or failed, one
 * append-only row each (who, what, on what, why, when, what came of it). A row written inside the action's own
 * transaction stands or falls with the action; {@link #recordAlone} is for a failure, when that transaction is gone.
 */
@Component
public class AuditLog {

    /** What came of an action. */
    public enum Outcome {
        /** Carried out; the detail says what came of it. */
        DONE,
        /** Not carried out: the request was wrong or the state did not allow it (the detail says why). */
        REFUSED,
        /** The hub failed while carrying it out (its database, a route that would not start). */
        FAILED;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One action as recorded. */
    public record Entry(long id, OffsetDateTime at, String hubInstance, String actor, String action, String target,
                        String comment, String outcome, String detail) {
    }

    static final int MAX_TEXT = 2000;
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final JdbcTemplate jdbc;
    private final String instanceId;

    AuditLog(JdbcTemplate jdbc, HubProperties properties) {
        this.jdbc = jdbc;
        this.instanceId = properties.instanceId();
    }

    /**
     * Records an action, in the caller's transaction if there is one.
     *
     * @param action a dotted name, capability first: quarantine.replay, route.stop, delivery.replay
     * @param target what it was done to: quarantine/17, route/file-inbox
     */
    public void record(String actor, String action, String target, String comment, Outcome outcome, String detail) {
        jdbc.update("insert into audit_log (acted_at, hub_instance, actor, action, target, comment, outcome, detail)"
                + " values (?,?,?,?,?,?,?,?)", OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS),
                instanceId, cut(actor, 128), cut(action, 64), cut(target, 300), cut(comment, MAX_TEXT), outcome.word(),
                cut(detail, MAX_TEXT));
        log.info("Operator {}: {} {}: {}{}", actor, action, target, outcome.word(), detail == null ? "" : " (" + detail + ")");
    }

    /**
     * Records an action that failed, when the database itself may be why: a row that cannot be written is logged
     * instead, so the failure is never hidden behind a second one.
     */
    public void recordAlone(String actor, String action, String target, String comment, String detail) {
        try {
            record(actor, action, target, comment, Outcome.FAILED, detail);
        } catch (RuntimeException unrecorded) {
            log.error("Operator {}: {} {} failed ({}); the audit log could not record it either: {}", actor, action,
                    target, detail, unrecorded.toString());
        }
    }

    /**
     * The latest actions, newest first.
     *
     * @param action an action (quarantine.replay) or a capability (quarantine: all its actions); null for all
     * @param actor  an operator's name, or null for all
     * @param target what it was done to (quarantine/17), or null for all
     */
    public List<Entry> recent(int limit, String action, String actor, String target) {
        StringBuilder sql = new StringBuilder("select id, acted_at, hub_instance, actor, action, target, comment,"
                + " outcome, detail from audit_log where 1 = 1");
        List<Object> args = new ArrayList<>();
        if (action != null && !action.isBlank()) {
            sql.append(" and (action = ? or action like ?)");
            args.add(action);
            args.add(action.replace("%", "").replace("_", "") + ".%");
        }
        if (actor != null && !actor.isBlank()) {
            sql.append(" and actor = ?");
            args.add(actor);
        }
        if (target != null && !target.isBlank()) {
            sql.append(" and target = ?");
            args.add(target);
        }
        sql.append(" order by id desc limit ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, i) -> new Entry(rs.getLong("id"),
                rs.getObject("acted_at", OffsetDateTime.class), rs.getString("hub_instance"), rs.getString("actor"),
                rs.getString("action"), rs.getString("target"), rs.getString("comment"), rs.getString("outcome"),
                rs.getString("detail")), args.toArray());
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
