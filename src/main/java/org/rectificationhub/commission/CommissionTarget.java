package org.rectificationhub.commission;

import org.rectificationhub.delivery.CommittedEntry;
import org.rectificationhub.delivery.DeliveryTarget;
import org.rectificationhub.delivery.HeldItem;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

/**
 * The outbox target "commission". Runs inside the relay's transaction: each entry is noted for the round's next
 * snapshot and watched for steps back, and both are marked delivered together. Nothing is sent from here; the feed
 * (CommissionFeed) gathers a round's entries for HUB_COMMISSION_WINDOW and sends one snapshot. An entry handed over
 * again is already noted and changes nothing; an operator's replay sends again the snapshots that listed the entries
 * (or every failed and parked one), as they were sent (SnapshotSends).
 */
@Component("commission")
class CommissionTarget implements DeliveryTarget {

    private final JdbcTemplate jdbc;
    private final ItemWatch watch;
    private final Clock clock;
    private final SnapshotSends snapshots;

    CommissionTarget(JdbcTemplate jdbc, ItemWatch watch, Clock clock, SnapshotSends snapshots) {
        this.jdbc = jdbc;
        this.snapshots = snapshots;
        this.watch = watch;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "commission";
    }

    @Override
    public void deliver(List<CommittedEntry> entries) {
        Timestamp now = Timestamp.from(clock.instant());
        for (CommittedEntry entry : entries) {
            int noted = jdbc.update("insert into commission_entry (entry_id, round_id, entry_hash, handed_at)"
                            + " select ?, ?, ?, ? where not exists (select 1 from commission_entry where entry_id = ?)",
                    entry.entryId(), entry.roundId(), entry.entryHash(), now, entry.entryId());
            if (noted == 1) {
                watch.observe(entry);
            }
        }
    }

    @Override
    public List<HeldItem> failedItems(int limit) {
        return snapshots.failed(limit);
    }

    @Override
    public int resend(List<Long> entryIds) {
        return snapshots.resend(entryIds);
    }
}
