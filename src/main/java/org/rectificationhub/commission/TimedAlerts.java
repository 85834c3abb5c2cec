package org.rectificationhub.commission;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The alerts that time raises rather than a report: the three-colour deadline warnings (green 20 days before, yellow
 * 10 days before, red once overdue and not completed), silence on an open problem, and the daily summary of reports
 * refused because the department does not own the problem. Each is keyed so that it is raised once per level,
 * silent period or day, however often the clock ticks.
 */
@Component
class TimedAlerts {

    /** The ledger rules' wording for a report on another's problem (LedgerRules), the one place it is said. */
    static final String NOT_RESPONSIBLE = "is not responsible for problem";

    private final JdbcTemplate jdbc;
    private final AlertBook alerts;
    private final CommissionSettings settings;
    private final Clock clock;

    TimedAlerts(JdbcTemplate jdbc, AlertBook alerts, CommissionSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.alerts = alerts;
        this.settings = settings;
        this.clock = clock;
    }

    void raise() {
        LocalDate today = LocalDate.now(clock.withZone(settings.zone()));
        deadlines(today);
        silence();
        unownedReports(today);
    }

    private void deadlines(LocalDate today) {
        List<Map<String, Object>> items = jdbc.queryForList("select p.round_id, p.problem_no, 0 as seq, p.title,"
                + " p.deadline, p.status, p.responsible_units from problem p where p.deadline <> 'long-term'"
                + " union all select m.round_id, m.problem_no, m.seq, m.measure_text, p.deadline, m.status,"
                + " p.responsible_units from measure m join problem p on p.round_id = m.round_id and"
                + " p.problem_no = m.problem_no where p.deadline <> 'long-term' and p.status not in ('completed', 'closed')");
        for (Map<String, Object> item : items) {
            String status = String.valueOf(item.get("status"));
            Optional<LocalDate> deadline = date(item.get("deadline"));
            if (StatusMoves.done(status) || deadline.isEmpty()) {
                continue;
            }
            long days = ChronoUnit.DAYS.between(today, deadline.get());
            String level = days < 0 ? "red" : days <= settings.yellowDays() ? "yellow"
                    : days <= settings.greenDays() ? "green" : null;
            if (level == null) {
                continue;
            }
            int problemNo = ((Number) item.get("problem_no")).intValue();
            int seq = ((Number) item.get("seq")).intValue();
            String roundId = String.valueOf(item.get("round_id"));
            ObjectNode data = JsonNodeFactory.instance.objectNode().put("level", level).put("problemNo", problemNo);
            if (seq != 0) {
                data.put("measureSeq", seq);
            }
            data.put("title", String.valueOf(item.get("title"))).put("deadline", deadline.get().toString())
                    .put("daysLeft", days).put("status", status)
                    .put("responsibleUnits", String.valueOf(item.get("responsible_units")));
            alerts.raise("deadline:" + roundId + ":" + problemNo + ":" + seq + ":" + deadline.get() + ":" + level,
                    roundId, "deadline", data);
        }
    }

    private void silence() {
        Timestamp quietSince = Timestamp.from(clock.instant().minus(Duration.ofDays(settings.silenceDays())));
        List<Map<String, Object>> quiet = jdbc.queryForList("select i.round_id, i.problem_no, i.last_entry,"
                + " i.last_report_at, p.title, p.status from commission_item i join problem p on p.round_id ="
                + " i.round_id and p.problem_no = i.problem_no where i.measure_seq = 0 and i.last_report_at <= ?"
                + " and p.status not in ('completed', 'closed')", quietSince);
        for (Map<String, Object> problem : quiet) {
            String roundId = String.valueOf(problem.get("round_id"));
            int no = ((Number) problem.get("problem_no")).intValue();
            ObjectNode data = JsonNodeFactory.instance.objectNode().put("problemNo", no)
                    .put("title", String.valueOf(problem.get("title"))).put("status", String.valueOf(problem.get("status")))
                    .put("lastReportAt", String.valueOf(problem.get("last_report_at")))
                    .put("lastEntry", ((Number) problem.get("last_entry")).longValue())
                    .put("silentDays", settings.silenceDays());
            alerts.raise("silence:" + roundId + ":" + no + ":" + problem.get("last_entry"), roundId, "silence", data);
        }
    }

    /** Yesterday's refused reports on others' problems, per department, as one alert (raised once the day is over). */
    private void unownedReports(LocalDate today) {
        LocalDate day = today.minusDays(1);
        OffsetDateTime from = day.atStartOfDay(settings.zone()).toOffsetDateTime();
        OffsetDateTime to = today.atStartOfDay(settings.zone()).toOffsetDateTime();
        List<Map<String, Object>> counts = jdbc.queryForList("select department, count(*) as reports from quarantine"
                + " where received_at >= ? and received_at < ? and reason like ? group by department order by department",
                from, to, "%" + NOT_RESPONSIBLE + "%");
        if (counts.isEmpty()) {
            return;
        }
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("day", day.toString());
        ObjectNode perDepartment = data.putObject("refusedReports");
        long total = 0;
        for (Map<String, Object> row : counts) {
            long n = ((Number) row.get("reports")).longValue();
            perDepartment.put(String.valueOf(row.get("department")), n);
            total += n;
        }
        data.put("total", total);
        alerts.raise("unowned-reports:" + day, null, "unowned-reports", data);
    }

    private static Optional<LocalDate> date(Object deadline) {
        try {
            return deadline == null ? Optional.empty() : Optional.of(LocalDate.parse(deadline.toString()));
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }
}
