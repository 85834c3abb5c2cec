package org.rectificationhub.publish;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

/** The words a notice is written in: Chinese numbers and dates, and its headline totals. */
final class NoticeWords {

    private static final String DIGITS = "零一二三四五六七八九";

    private NoticeWords() {
    }

    /** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (numbers of sections, categories and measures). */
    static String chinese(int n) {
        if (n < 1 || n > 99) {
            return String.valueOf(n);
        }
        int tens = n / 10;
        int ones = n % 10;
        String t = tens == 0 ? "" : (tens == 1 ? "" : String.valueOf(DIGITS.charAt(tens))) + "十";
        return t + (ones == 0 ? "" : String.valueOf(DIGITS.charAt(ones)));
    }

    /** 2024-03-25 → 2024年3月25日; empty for a missing or unreadable date. */
    static String date(JsonNode iso) {
        if (iso == null || !iso.isTextual()) {
            return "";
        }
        try {
            LocalDate d = LocalDate.parse(iso.asText());
            return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** Headline totals, computed from the published problems' current status. */
    record Totals(int problems, int completed, int basicallyCompleted, int inProgress, int notCompleted) {

        static Totals of(List<JsonNode> problems) {
            int completed = 0;
            int basic = 0;
            int progress = 0;
            int not = 0;
            for (JsonNode p : problems) {
                switch (p.path("status").asText("not-started")) {
                    case "completed", "closed" -> completed++;
                    case "basically-completed" -> basic++;
                    case "in-progress", "ongoing", "extension-requested" -> progress++;
                    default -> not++;
                }
            }
            return new Totals(problems.size(), completed, basic, progress, not);
        }

        /** Completed over all, as a percentage with two decimals (98.71), as notices state it. */
        BigDecimal completionRate() {
            return problems == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(completed * 100L)
                    .divide(BigDecimal.valueOf(problems), 2, RoundingMode.HALF_UP).stripTrailingZeros();
        }
    }
}
