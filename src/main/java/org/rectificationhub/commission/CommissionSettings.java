package org.rectificationhub.commission;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.ZoneId;

/**
 * The commission feed's settings (prefix {@code hub.commission}).
 *
 * @param topic        the Kafka topic of the feed (CloudEvents, structured mode, key = roundId)
 * @param window       a round's changes are gathered for this long, then sent as one snapshot
 * @param silenceDays  an open problem with no report for this many days raises a silence alert
 * @param greenDays    days before a deadline for the green warning
 * @param yellowDays   days before a deadline for the yellow warning (red: overdue and not completed)
 * @param zone         the calendar of deadlines, days and digests
 * @param calendarCheck how often deadlines, silence, the day's refused reports and the digest are looked at
 */
@ConfigurationProperties("hub.commission")
record CommissionSettings(
        @DefaultValue("commission.rectification.feed") String topic,
        @DefaultValue("10s") Duration window,
        @DefaultValue("30") int silenceDays,
        @DefaultValue("20") int greenDays,
        @DefaultValue("10") int yellowDays,
        @DefaultValue("Asia/Shanghai") ZoneId zone,
        @DefaultValue("1m") Duration calendarCheck) {
}
