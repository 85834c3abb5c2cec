package org.rectificationhub.publish;

import org.rectificationhub.delivery.OutboxState;
import org.rectificationhub.ingest.IntakeLoad;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
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
 * A round that fails to render fails alone: the others are written, and its failure goes to the outbox (the
 * publication target's rows of that round), where it is retried with back-off, parked and replayed like any other.
 */
@Component("siteSchedule")
class SiteSchedule {

    private static final Logger log = LoggerFactory.getLogger(SiteSchedule.class);

    private final SiteGenerator generator;
    private final Duration minInterval;
    private final Clock clock;
    private final IntakeLoad load;
    private final OutboxState outbox;
    private final Map<String, Instant> written = new ConcurrentHashMap<>();
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();

    SiteSchedule(SiteGenerator generator, @Value("${hub.site.min-interval:5s}") Duration minInterval, Clock clock,
                 IntakeLoad load, JdbcTemplate jdbc) {
        this.generator = generator;
        this.load = load;
        this.minInterval = minInterval;
        this.clock = clock;
        this.outbox = new OutboxState(jdbc);
    }

    /**
     * Rounds the ledger changed: written now, or, if written within the interval, once it has passed. Returns the
     * ones of these that failed to render, with why (the caller's delivery fails for them); any other round that
     * failed meanwhile goes back to the outbox.
     */
    Map<String, String> changed(Collection<String> roundIds) {
        waiting.addAll(roundIds);
        Map<String, String> failed = render();
        Map<String, String> ours = new LinkedHashMap<>();
        roundIds.forEach(roundId -> {
            if (failed.containsKey(roundId)) {
                ours.put(roundId, failed.remove(roundId));
            }
        });
        reopen(failed);
        return ours;
    }

    /** Writes the waiting rounds whose interval has passed, unless the intake is in a burst (they wait on). */
    public void flush() {
        reopen(render());
    }

    /** Every round from the ledger alone, every file written (at start); a round that fails goes to the outbox. */
    void regenerateAll() {
        reopen(generator.regenerateAll());
    }

    private synchronized Map<String, String> render() {
        if (load.fanOutShouldYield()) {
            return new LinkedHashMap<>();
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
            return new LinkedHashMap<>();
        }
        due.forEach(waiting::remove);
        Map<String, String> failed;
        try {
            failed = generator.regenerate(due);
        } catch (RuntimeException e) {
            waiting.addAll(due); // the shared pages, or the database: every due round tried again at the next tick
            throw e;
        }
        // a failed round is not marked written: when its delivery is tried again, it is rendered at once
        due.stream().filter(roundId -> !failed.containsKey(roundId)).forEach(roundId -> written.put(roundId, now));
        return failed;
    }

    /** Outside the lock: a row the relay holds is waited for without holding up the relay's own call here. */
    private void reopen(Map<String, String> failed) {
        failed.forEach((roundId, error) -> {
            log.warn("Round {} could not be published, its delivery is retried: {}", roundId, error);
            outbox.reopen(PublicationTarget.NAME, roundId, error, clock.instant());
        });
    }
}
