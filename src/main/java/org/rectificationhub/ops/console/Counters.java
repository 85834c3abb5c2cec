package org.rectificationhub.ops.console;

import org.rectificationhub.delivery.Deliveries;
import org.rectificationhub.ledger.IntegrityGate;
import org.rectificationhub.ledger.IntegrityWatch;
import org.rectificationhub.ledger.LedgerQueries;
import org.rectificationhub.ledger.Quarantine;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The headline numbers, worded once here for both the page and its poll (/ops/data/counters), so a refreshed number
 * reads exactly as the page first showed it. Each is cheap to read: a row, a small table or an indexed count.
 * {@code alert} marks a number an operator should act on.
 */
@Component
class Counters {

    static final Duration RECENT = Duration.ofHours(24);

    record Counter(String key, String label, String text, boolean alert) {
    }

    record Group(String title, List<Counter> counters) {
    }

    private final LedgerQueries ledger;
    private final Quarantine quarantine;
    private final Deliveries deliveries;
    private final IntegrityGate gate;
    private final IntegrityWatch watch;
    private final ConsoleTime time;
    private final MessageSource messages;
    private final Clock clock;

    Counters(LedgerQueries ledger, Quarantine quarantine, Deliveries deliveries, IntegrityGate gate,
             IntegrityWatch watch, ConsoleTime time, MessageSource messages, Clock clock) {
        this.ledger = ledger;
        this.quarantine = quarantine;
        this.deliveries = deliveries;
        this.gate = gate;
        this.watch = watch;
        this.time = time;
        this.messages = messages;
        this.clock = clock;
    }

    List<Group> groups() {
        Locale locale = LocaleContextHolder.getLocale();
        NumberFormat number = NumberFormat.getIntegerInstance(locale);
        List<Group> groups = new ArrayList<>();
        LedgerQueries.Headline headline = ledger.headline();
        groups.add(group("counters.ledger", locale,
                counter("ledger.entries", locale, number.format(headline.entries()), false),
                counter("ledger.rounds", locale, number.format(headline.rounds()), false),
                counter("ledger.problems", locale, number.format(headline.problems()), false),
                counter("ledger.open", locale, number.format(headline.openProblems()), false)));
        Quarantine.Recent recent = quarantine.countSince(clock.instant().minus(RECENT));
        groups.add(group("counters.quarantine", locale,
                counter("quarantine.recent", locale, number.format(recent.since()), recent.since() > 0),
                counter("quarantine.latest", locale, time.at(recent.latest()), false)));
        for (Deliveries.Target target : deliveries.targets()) {
            String prefix = "delivery." + target.name() + ".";
            groups.add(new Group(message("counters.delivery", locale, targetName(target.name(), locale)), List.of(
                    new Counter(prefix + "pending", message("delivery.pending", locale), number.format(target.pending()),
                            false),
                    new Counter(prefix + "failed", message("delivery.failed", locale), number.format(target.failed()),
                            target.failed() > 0),
                    new Counter(prefix + "lag", message("delivery.lag", locale), time.age(target.lagSeconds()),
                            target.failingSince() != null))));
        }
        boolean broken = gate.broken().isPresent();
        groups.add(group("counters.integrity", locale,
                counter("integrity.state", locale, message(broken ? "integrity.broken" : "integrity.intact", locale),
                        broken),
                counter("integrity.verified", locale, number.format(watch.verifiedPosition()), false),
                counter("integrity.checkpoint", locale, watch.lastCheckpoint().map(c -> time.at(c.signedAt()))
                        .orElse("—"), false)));
        return groups;
    }

    /** Every counter by its key: what the page's script puts in place. */
    Map<String, Map<String, Object>> byKey() {
        Map<String, Map<String, Object>> all = new LinkedHashMap<>();
        groups().forEach(g -> g.counters().forEach(c -> all.put(c.key(), Map.of("text", c.text(), "alert", c.alert()))));
        return all;
    }

    /** A target's name for people when the messages have one (target.<name>), else its own name. */
    private String targetName(String name, Locale locale) {
        return messages.getMessage("target." + name, null, name, locale);
    }

    private Group group(String title, Locale locale, Counter... counters) {
        return new Group(message(title, locale), List.of(counters));
    }

    private Counter counter(String key, Locale locale, String text, boolean alert) {
        return new Counter(key, message("counter." + key, locale), text, alert);
    }

    private String message(String key, Locale locale, Object... values) {
        return messages.getMessage(key, values, locale);
    }
}
