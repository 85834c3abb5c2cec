package org.rectificationhub.ops.console;

import org.rectificationhub.ledger.QuarantineSearch;
import org.rectificationhub.ops.quarantine.QuarantineFilters;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The quarantine page's filter form as typed, so the page shows it again and an action on a row returns to the same
 * list. Checked by QuarantineFilters, as the API's parameters are; only a bare day differs: the console means the
 * operators' day (HUB_OPS_ZONE), as every time on its pages is in that zone, where the API means a UTC day.
 */
record QuarantineFilterForm(String channel, String department, String reason, String from, String to,
                            String state) {

    /** @throws IllegalArgumentException saying which field is wrong, as the API says it */
    QuarantineSearch.Filter checked(ZoneId zone, int limit) {
        return QuarantineFilters.of(channel, department, reason, inZone(from, zone, false), inZone(to, zone, true),
                state, limit);
    }

    /** The fields given, for the redirect after an action. */
    void keep(RedirectAttributes next) {
        given().forEach(next::addAttribute);
    }

    /** The fields given as a query string ("?state=open"), or empty: what a row's form posts back with. */
    String query() {
        Map<String, String> given = given();
        return given.isEmpty() ? "" : given.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&", "?", ""));
    }

    private Map<String, String> given() {
        Map<String, String> given = new LinkedHashMap<>();
        put(given, "channel", channel);
        put(given, "department", department);
        put(given, "reason", reason);
        put(given, "from", from);
        put(given, "to", to);
        put(given, "state", state);
        return given;
    }

    private static void put(Map<String, String> given, String name, String value) {
        if (value != null && !value.isBlank()) {
            given.put(name, value.strip());
        }
    }

    /** A day (what a date field sends) as the start of that day, or of the next, in the zone; else as typed. */
    private static String inZone(String text, ZoneId zone, boolean endOfDay) {
        if (text == null || !text.strip().matches("\\d{4}-\\d{2}-\\d{2}")) {
            return text;
        }
        try {
            LocalDate day = LocalDate.parse(text.strip());
            return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toOffsetDateTime().toString();
        } catch (DateTimeParseException notADay) {
            return text; // QuarantineFilters says what is expected
        }
    }
}
