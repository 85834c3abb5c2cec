package org.rectificationhub.publish;

import org.rectificationhub.ingest.IntakeLoad;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How often a round's pages are written: at most once per HUB_SITE_MIN_INTERVAL. A burst of reports on a round of
 * hundreds of problems would otherwise rewrite all its pages (and its Word notice) for every batch the relay hands
 * over, and take the CPU the intake needs. A round changed within the interval waits, and the site-refresh timer
 * (routes/public-site.camel.yaml) writes it once the interval has passed, from the ledger's state then, so the site
 * always ends equal to the ledger. Waiting rounds are kept in memory: after a restart the whole site is written anew.
 */
@Component("siteSchedule")
class SiteSchedule {

    private final SiteGenerator generator;
    private final Duration minInterval;
    private final Clock clock;
    private final IntakeLoad load;
    private final Map<String, Instant> written = new ConcurrentHashMap<>();
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();

    SiteSchedule(SiteGenerator generator, @Value("${hub.site.min-interval:5s}") Duration minInterval, Clock clock,
                 IntakeLoad load) {
        this.generator = generator;
        this.load = load;
        this.minInterval = minInterval;
        this.clock = clock;
    }

    /** Rounds the ledger changed: written now, or, if written within the interval, once it has passed. */
    void changed(Collection<String> roundIds) {
        waiting.addAll(roundIds);
        flush();
    }

    /** Writes the waiting rounds whose interval has passed, unless the intake is in a burst (they wait on). */
    public synchronized void flush() {
        if (load.fanOutShouldYield()) {
            return;
        }
        Instant now = clock.instant();
        List<String> due = new ArrayList<>();
        for (String roundId : waiting) {
            Instant last = written.get(roundId);
            if (last == null || !now.isBefore(last.plus(minInterval))) {
                due.add(roundId);
            }
        }
        if (due.isEmpty()) {
            return;
        }
        due.forEach(waiting::remove);
        try {
            generator.regenerate(due);
            due.forEach(roundId -> written.put(roundId, now));
        } catch (RuntimeException e) {
            waiting.addAll(due); // the hub's own failure (the database): tried again at the next tick
            throw e;
        }
    }
}
