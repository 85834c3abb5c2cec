package org.rectificationhub.ops.channels;

import org.rectificationhub.HubProperties;
import org.rectificationhub.ShortCache;
import org.rectificationhub.department.Department;
import org.rectificationhub.department.Departments;
import org.rectificationhub.ingest.Backlog;
import org.rectificationhub.ingest.ChannelWatch;
import org.rectificationhub.ingest.CountedToday;
import org.rectificationhub.ingest.IngestMetrics;
import org.rectificationhub.ledger.LedgerTrail;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The channels as operators watch them (GET /api/channels and the console). Today's counts are the ingest
 * counter's own (hub_ingest_documents_total), not a count of ledger and quarantine rows: only the counter sees
 * duplicates (they write no row) and every retake of an input, so it is the one number both the console and
 * Prometheus can show. What waits comes from each channel's {@link ChannelWatch}; the last input also from the
 * ledger and the quarantine, so it survives a restart and covers every instance.
 */
@Service
public class ChannelOverview {

    static final int HISTORY_DAYS = 31;
    private static final Duration READ_HISTORY_AT_MOST_EVERY = Duration.ofSeconds(30);

    private final List<ChannelWatch> watches;
    private final IngestMetrics metrics;
    private final Departments departments;
    private final Clock clock;
    private final String instance;
    private final ShortCache<Map<String, Map<String, OffsetDateTime>>> history;

    ChannelOverview(List<ChannelWatch> watches, IngestMetrics metrics, LedgerTrail trail, Departments departments,
                    HubProperties properties, Clock clock) {
        this.watches = watches.stream().sorted(Comparator.comparing(ChannelWatch::channel)).toList();
        this.metrics = metrics;
        this.departments = departments;
        this.clock = clock;
        this.instance = properties.instanceId();
        this.history = new ShortCache<>(() -> trail.lastReceivedSince(
                OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(HISTORY_DAYS)),
                READ_HISTORY_AT_MOST_EVERY, clock);
    }

    public ChannelsReport report() {
        CountedToday counted = metrics.countedToday();
        Map<String, Map<String, OffsetDateTime>> recorded = history.get();
        List<ChannelsReport.Channel> channels = new ArrayList<>();
        for (ChannelWatch watch : watches) {
            Backlog backlog = watch.backlog();
            if (Backlog.DISABLED.equals(backlog.state())) {
                channels.add(new ChannelsReport.Channel(backlog.channel(), backlog.state(), backlog.unit(),
                        backlog.note(), List.of(), null));
                continue;
            }
            Map<String, OffsetDateTime> recordedHere = recorded.getOrDefault(backlog.channel(), Map.of());
            List<ChannelsReport.Row> rows = new ArrayList<>();
            for (String department : departmentsOf(backlog.channel(), counted, recordedHere)) {
                rows.add(row(department, backlog, counted.row(backlog.channel(), department).orElse(null),
                        recordedHere.get(department)));
            }
            channels.add(new ChannelsReport.Channel(backlog.channel(), backlog.state(), backlog.unit(),
                    backlog.note(), rows, backlog.unattributed()));
        }
        return new ChannelsReport(clock.instant(), counted.day(), counted.zone().getId(), counted.since(), instance,
                channels);
    }

    private ChannelsReport.Row row(String department, Backlog backlog, CountedToday.Row counted,
                                   OffsetDateTime recorded) {
        Instant last = counted == null ? null : counted.last();
        if (recorded != null && (last == null || recorded.toInstant().isAfter(last))) {
            last = recorded.toInstant();
        }
        ChannelsReport.Counts today = counted == null ? ChannelsReport.Counts.NONE : new ChannelsReport.Counts(
                counted.accepted(), counted.stale(), counted.duplicate(), counted.rejected());
        return new ChannelsReport.Row(department, departments.exists(department), last,
                backlog.departments().get(department), today);
    }

    /** The configured departments, then any other this channel heard from (an unknown sender, a topic of none). */
    private Set<String> departmentsOf(String channel, CountedToday counted, Map<String, OffsetDateTime> recorded) {
        Set<String> all = new LinkedHashSet<>();
        departments.all().stream().map(Department::id).forEach(all::add);
        counted.rows().stream().filter(r -> r.channel().equals(channel)).map(CountedToday.Row::department)
                .sorted().forEach(all::add);
        recorded.keySet().stream().sorted().forEach(all::add);
        return all;
    }
}
