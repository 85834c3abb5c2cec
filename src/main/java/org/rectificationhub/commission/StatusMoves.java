package org.rectificationhub.commission;

import java.util.Map;
import java.util.Optional;

/**
 * Which way a status change goes, for the commission's regression and recurrence alerts. The ledger's own rules
 * (StatusTransitions) decide what is allowed; this only ranks how far along an item is.
 */
final class StatusMoves {

    enum Move { RECURRENCE, REGRESSION }

    private static final Map<String, Integer> RANK = Map.of("not-started", 0, "in-progress", 1,
            "extension-requested", 1, "ongoing", 2, "basically-completed", 3, "completed", 4, "closed", 5);

    private StatusMoves() {
    }

    /** A closed item reopened is a recurrence (整改后再犯); any other step back is a regression. */
    static Optional<Move> of(String from, String to) {
        if (from == null || to == null || from.equals(to)) {
            return Optional.empty();
        }
        if (from.equals("closed")) {
            return Optional.of(Move.RECURRENCE);
        }
        return RANK.getOrDefault(to, 0) < RANK.getOrDefault(from, 0) ? Optional.of(Move.REGRESSION) : Optional.empty();
    }

    static boolean done(String status) {
        return "completed".equals(status) || "closed".equals(status);
    }
}
