package org.rectificationhub.parse;

import org.rectificationhub.canonical.CanonicalJson;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Ids derived from content, so the same input sent twice is a duplicate and a later notice of the same round
 * lands on the same round and amends it.
 */
final class DocumentIdentity {

    /** Notices are Chinese government documents: their dates are Beijing time. */
    static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter SEQUENCE = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);

    private DocumentIdentity() {
    }

    /**
     * A round is its team, inspected organisation and feedback date: "round-20240820-" and a hash of the three.
     * Chinese names have no ASCII slug without a transliteration table, so the feedback date is the readable part.
     */
    static String roundId(String team, String org, LocalDate feedbackDate) {
        String identity = compact(team) + "|" + compact(org) + "|" + feedbackDate;
        return "round-" + feedbackDate.toString().replace("-", "") + "-" + CanonicalJson.sha256(identity).substring(0, 10);
    }

    /** A prefix, the document's day and a hash of its content (everything but the id and reportedAt). */
    static String updateId(String prefix, String contentJson) {
        return prefix + "-" + CanonicalJson.sha256(contentJson).substring(0, 24);
    }

    /**
     * Sequences on one scale, yyyyMMddHHmmss: a notice counts from its issue date at midnight, a ledger from the
     * moment it is read, so a later notice or ledger of a round amends the earlier one.
     */
    static long sequence(OffsetDateTime at) {
        return Long.parseLong(SEQUENCE.format(at.atZoneSameInstant(CHINA).toLocalDateTime()));
    }

    static OffsetDateTime startOf(LocalDate day) {
        return OffsetDateTime.of(LocalDateTime.of(day, java.time.LocalTime.MIDNIGHT), CHINA);
    }

    private static String compact(String text) {
        return text == null ? "" : text.replaceAll("[\\s（）()“”\"]", "");
    }
}
