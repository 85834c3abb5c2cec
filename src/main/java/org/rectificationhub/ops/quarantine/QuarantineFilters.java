package org.rectificationhub.ops.quarantine;

import org.rectificationhub.ledger.QuarantineResolutions;
import org.rectificationhub.ledger.QuarantineSearch;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** The quarantine's filters as operators write them (the API's parameters, the console's form), checked. */
public final class QuarantineFilters {

    public static final int MAX_LIMIT = 5000;

    private QuarantineFilters() {
    }

    /**
     * Any part may be null or blank (any). Times are ISO-8601 instants or date-times with an offset, or dates
     * (UTC): {@code from} a day means from its start, {@code to} a day means up to its end.
     *
     * @throws IllegalArgumentException saying which parameter is wrong and what is expected
     */
    public static QuarantineSearch.Filter of(String channel, String department, String reason, String from,
                                             String to, String state, Integer limit) {
        if (present(state) && !QuarantineResolutions.STATES.contains(state)) {
            throw new IllegalArgumentException("state: expected one of " + QuarantineResolutions.STATES);
        }
        Instant start = time("from", from, false);
        Instant end = time("to", to, true);
        if (start != null && end != null && !start.isBefore(end)) {
            throw new IllegalArgumentException("from: must be before to");
        }
        int rows = limit == null ? 200 : Math.max(1, Math.min(limit, MAX_LIMIT));
        return new QuarantineSearch.Filter(blankToNull(channel), blankToNull(department), blankToNull(reason), start,
                end, blankToNull(state), rows);
    }

    private static Instant time(String name, String text, boolean endOfDay) {
        if (!present(text)) {
            return null;
        }
        String value = text.trim();
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + ": expected a date (2025-10-16) or a date-time with its offset"
                    + " (2025-10-16T08:00:00+08:00, 2025-10-16T00:00:00Z)");
        }
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }

    private static String blankToNull(String text) {
        return present(text) ? text.trim() : null;
    }
}
