package org.rectificationhub.ops.console;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;

/**
 * Times and ages as the console shows them: moments in the operators' zone (HUB_OPS_ZONE), one format in both
 * languages; ages in words of the page's language ("2 min 5 s", "2分5秒").
 */
@Component("consoleTime")
class ConsoleTime {

    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ZoneId zone;
    private final MessageSource messages;
    private final Clock clock;

    ConsoleTime(@Value("${hub.ops.zone:Asia/Shanghai}") ZoneId zone, MessageSource messages, Clock clock) {
        this.zone = zone;
        this.messages = messages;
        this.clock = clock;
    }

    ZoneId zone() {
        return zone;
    }

    public String now() {
        return at(clock.instant());
    }

    /** An Instant or OffsetDateTime in the console's zone; a dash for none. */
    public String at(TemporalAccessor moment) {
        if (moment == null) {
            return "—";
        }
        Instant instant = moment instanceof OffsetDateTime odt ? odt.toInstant() : Instant.from(moment);
        return MOMENT.format(instant.atZone(zone));
    }

    /** An age in whole seconds, minutes, hours or days, the two largest units that matter. */
    public String age(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        Duration d = Duration.ofSeconds(s);
        if (s < 60) {
            return word("age.seconds", s);
        }
        if (s < 3600) {
            return word("age.minutes", d.toMinutes(), d.toSecondsPart());
        }
        if (s < 86_400) {
            return word("age.hours", d.toHours(), d.toMinutesPart());
        }
        return word("age.days", d.toDays(), d.toHoursPart());
    }

    private String word(String key, Object... values) {
        return messages.getMessage(key, values, LocaleContextHolder.getLocale());
    }
}
