package org.rectificationhub.publish;

import org.rectificationhub.delivery.CommittedEntry;
import org.rectificationhub.delivery.DeliveryTarget;
import org.springframework.stereotype.Component;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The outbox target "publication": regenerates the rounds the delivered entries touch, from the ledger's state
 * (at most once per HUB_SITE_MIN_INTERVAL a round: SiteSchedule).
 * The entries' own JSON is never read (it holds confidential fields); a replay regenerates the same files.
 */
@Component("publication")
class PublicationTarget implements DeliveryTarget {

    private final SiteSchedule schedule;

    PublicationTarget(SiteSchedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public String name() {
        return "publication";
    }

    @Override
    public void deliver(List<CommittedEntry> entries) {
        Set<String> rounds = new LinkedHashSet<>();
        entries.forEach(e -> rounds.add(e.roundId()));
        if (!rounds.isEmpty()) {
            schedule.changed(rounds);
        }
    }
}
