package org.rectificationhub.parse;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Dates as offices write them: 2024年3月25日, 2024-12-31, 2024.12.31, 2024/12/31, Excel serials, years omitted. */
final class ChineseDates {

    /** A date found in running text, with where it stood. */
    record Found(LocalDate date, int start, int end) {
    }

    private static final Pattern IN_TEXT = Pattern.compile("(?:(\\d{4})\\s*年\\s*)?(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*[日号]");
    private static final Pattern NUMERIC = Pattern.compile("(\\d{4})\\s*[-./年]\\s*(\\d{1,2})\\s*[-./月]\\s*(\\d{1,2})\\s*[日号]?");
    private static final Pattern YEAR_MONTH = Pattern.compile("(\\d{4})\\s*[-./年]\\s*(\\d{1,2})\\s*月?(?:底|末)?");
    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

    private ChineseDates() {
    }

    /**
     * Every 月日 date of a text in order; a date without a year takes the year of the last date before it
     * ("2024年3月25日至5月7日", then "8月20日"), or {@code defaultYear} when none came before.
     */
    static List<Found> findAll(String text, Integer defaultYear) {
        List<Found> found = new ArrayList<>();
        Integer year = defaultYear;
        Matcher m = IN_TEXT.matcher(text);
        while (m.find()) {
            if (m.group(1) != null) {
                year = Integer.parseInt(m.group(1));
            }
            if (year == null) {
                continue;
            }
            of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)))
                    .ifPresent(d -> found.add(new Found(d, m.start(), m.end())));
        }
        return found;
    }

    /** A whole cell or field holding one date; a month alone (2024年12月底) means its last day. */
    static Optional<LocalDate> parseCell(String cell) {
        String text = cell == null ? "" : cell.strip();
        if (text.matches("\\d{5}(\\.0+)?")) {
            int serial = (int) Double.parseDouble(text);
            return serial > 20000 && serial < 80000 ? Optional.of(EXCEL_EPOCH.plusDays(serial)) : Optional.empty();
        }
        Matcher numeric = NUMERIC.matcher(text);
        if (numeric.find()) {
            return of(Integer.parseInt(numeric.group(1)), Integer.parseInt(numeric.group(2)),
                    Integer.parseInt(numeric.group(3)));
        }
        Matcher month = YEAR_MONTH.matcher(text);
        if (month.find()) {
            try {
                return Optional.of(LocalDate.of(Integer.parseInt(month.group(1)), Integer.parseInt(month.group(2)), 1)
                        .plusMonths(1).minusDays(1));
            } catch (DateTimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<LocalDate> of(int year, int month, int day) {
        try {
            return Optional.of(LocalDate.of(year, month, day));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
