package org.rectificationhub.ledger;

import org.rectificationhub.canonical.Status;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Which status changes make sense. Returns the reason a change is refused, or empty when it is allowed. */
final class StatusTransitions {

    /** Closing (销号) follows review of finished work. */
    private static final Set<Status> CLOSABLE_FROM =
            EnumSet.of(Status.COMPLETED, Status.BASICALLY_COMPLETED, Status.ONGOING, Status.CLOSED);

    private StatusTransitions() {
    }

    static Optional<String> refusal(Status from, Status to, boolean byOffice) {
        if (from == to) {
            return Optional.empty();
        }
        if (to == Status.NOT_STARTED) {
            return Optional.of("status cannot go back from " + from.code() + " to not-started");
        }
        if (from == Status.CLOSED) {
            // A closed item reopens only when the office finds the problem recurring (整改后再犯).
            return byOffice && to == Status.IN_PROGRESS
                    ? Optional.empty()
                    : Optional.of("the item is closed (销号); only the rectification office may reopen it, to in-progress");
        }
        if (to == Status.CLOSED) {
            if (!byOffice) {
                return Optional.of("only the rectification office may close (销号) an item after review");
            }
            if (!CLOSABLE_FROM.contains(from)) {
                return Optional.of("an item that is " + from.code()
                        + " cannot be closed; it must be completed, basically completed or ongoing first");
            }
        }
        return Optional.empty();
    }
}
