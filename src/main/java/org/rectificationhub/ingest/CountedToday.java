package org.rectificationhub.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * What this hub instance counted today: the same increments as hub_ingest_documents_total, per channel and
 * department, so the console and Prometheus cannot tell different stories.
 *
 * @param day   the day in the operators' zone (hub.ops.zone)
 * @param since the start of that day, or this instance's start when it started later (counts are kept in memory,
 *              as Prometheus counters are)
 */
public record CountedToday(LocalDate day, ZoneId zone, Instant since, List<Row> rows) {

    public CountedToday {
        rows = List.copyOf(rows);
    }

    /**
     * @param last the latest document counted on this channel from this department since this instance started,
     *             today or earlier
     */
    public record Row(String channel, String department, long accepted, long stale, long duplicate, long rejected,
                      Instant last) {
    }

    public Optional<Row> row(String channel, String department) {
        return rows.stream().filter(r -> r.channel().equals(channel) && r.department().equals(department)).findFirst();
    }
}
