package org.rectificationhub.commission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rectificationhub.Databases;
import org.rectificationhub.HubProperties;
import org.rectificationhub.canonical.CanonicalJson;
import org.rectificationhub.ingest.IntakeLoad;
import org.rectificationhub.ledger.Checkpoint;
import org.rectificationhub.ledger.Checkpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * What routes/commission-feed.camel.yaml ticks: due snapshots taken, then sent each on its own (SnapshotSends);
 * every HUB_COMMISSION_CALENDAR_CHECK the time-driven alerts and the digest; then every alert and signed checkpoint
 * not yet on the feed (each sent once, marked in the transaction that sent it). Each stage runs whatever the one
 * before did: a snapshot the broker refuses, or a round that cannot be read, delays no alert and no checkpoint.
 */
@Component("commissionFeed")
class CommissionFeed {

    private static final Logger log = LoggerFactory.getLogger(CommissionFeed.class);
    private static final int ALERTS_PER_TICK = 500;

    private final IntakeLoad load;
    private final SnapshotFeed snapshots;
    private final SnapshotSends sends;
    private final TimedAlerts timed;
    private final AlertBook alerts;
    private final Checkpoints checkpoints;
    private final FeedSender sender;
    private final Digests digests;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final String instance;
    private final String lock;
    private final CommissionSettings settings;
    private final Clock clock;
    private volatile Instant lastCalendarCheck;

    CommissionFeed(SnapshotFeed snapshots, SnapshotSends sends, TimedAlerts timed, AlertBook alerts, Checkpoints checkpoints,
                   FeedSender sender, Digests digests, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                   HubProperties hub, CommissionSettings settings, Clock clock, IntakeLoad load) {
        this.load = load;
        this.settings = settings;
        this.clock = clock;
        this.snapshots = snapshots;
        this.sends = sends;
        this.timed = timed;
        this.alerts = alerts;
        this.checkpoints = checkpoints;
        this.sender = sender;
        this.digests = digests;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.instance = hub.instanceId();
        this.lock = Databases.isPostgres(jdbc) ? " for update skip locked" : " for update";
    }

    /** Snapshots, alerts and checkpoints due; nothing while the intake is in a burst (IntakeLoad): they wait on. */
    public void tick() {
        if (load.fanOutShouldYield()) {
            return;
        }
        stage("snapshots", snapshots::takeDue);
        stage("snapshot sends", sends::sendDue);
        Instant now = clock.instant();
        if (lastCalendarCheck == null || !now.isBefore(lastCalendarCheck.plus(settings.calendarCheck()))) {
            // Deadlines, silence, days and digests move with the calendar: scanning every problem each second
            // (the feed's tick) would be work for nothing.
            stage("timed alerts", timed::raise);
            stage("digest", digests::writeIfDue);
            lastCalendarCheck = now;
        }
        stage("alerts", () -> transactions.executeWithoutResult(tx -> sendAlerts()));
        stage("checkpoints", () -> transactions.executeWithoutResult(tx -> sendCheckpoints()));
    }

    /** One stage of the tick; its failure (the broker, the database) is tried again next tick and stops no other. */
    private static void stage(String name, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("Commission feed: {} failed, tried again next tick: {}", name, e.toString());
        }
    }

    private void sendAlerts() {
        for (AlertBook.Alert alert : alerts.unpublished(ALERTS_PER_TICK, lock)) {
            ObjectNode data = alert.data();
            sender.send(FeedEvents.event(FeedEvents.ALERT, "alert:" + alert.key(), instance,
                    alert.roundId() == null ? "hub" : alert.roundId(), java.time.Instant.parse(data.path("raisedAt")
                            .asText()), data));
            alerts.published(alert.id());
        }
    }

    /** Checkpoints after the last one sent, by position; the mark row is locked so two hubs do not both send. */
    private void sendCheckpoints() {
        jdbc.update("insert into commission_mark (mark_name, mark_value) select 'checkpoint', '0' where not exists"
                + " (select 1 from commission_mark where mark_name = 'checkpoint')");
        long sent = Long.parseLong(jdbc.queryForObject("select mark_value from commission_mark"
                + " where mark_name = 'checkpoint' for update", String.class));
        List<Checkpoint> fresh = checkpoints.storedAfter(sent);
        for (Checkpoint checkpoint : fresh) {
            sender.send(FeedEvents.event(FeedEvents.CHECKPOINT, "checkpoint:" + checkpoint.position() + ":"
                            + checkpoint.hubInstance(), instance, "ledger", checkpoint.signedAt(),
                    CanonicalJson.mapper().valueToTree(checkpoint.published())));
        }
        if (!fresh.isEmpty()) {
            jdbc.update("update commission_mark set mark_value = ? where mark_name = 'checkpoint'",
                    String.valueOf(fresh.get(fresh.size() - 1).position()));
        }
    }
}
