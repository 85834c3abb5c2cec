package org.rectificationhub.publish;

import org.rectificationhub.delivery.CommittedEntry;
import org.rectificationhub.delivery.DeliveryTarget;
import org.springframework.stereotype.Component;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The outbox target "publication": regenerates the rounds the delivered entries touch, from the ledger's state
 * (at most once per HUB_SITE_MIN_INTERVAL a round: SiteSchedule).
 * The entries' own JSON is never read (it holds confidential fields); a replay regenerates the same files. A round
 * that fails to render fails the delivery of its entries only: the relay delivers the other rounds' entries and
 * retries, then parks, that round's.
 */
@Component("publication")
class PublicationTarget implements DeliveryTarget {

    static final String NAME = "publication";

    private final SiteSchedule schedule;

    PublicationTarget(SiteSchedule schedule) {
        this.schedule = schedule;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void deliver(List<CommittedEntry> entries) {
        Set<String> rounds = new LinkedHashSet<>();
        entries.forEach(e -> rounds.add(e.roundId()));
        if (rounds.isEmpty()) {
            return;
        }
        Map<String, String> failed = schedule.changed(rounds);
        if (!failed.isEmpty()) {
            throw new IllegalStateException(failed.entrySet().stream().map(f -> "round " + f.getKey()
                    + " could not be published: " + f.getValue()).collect(Collectors.joining("; ")));
        }
    }
}
