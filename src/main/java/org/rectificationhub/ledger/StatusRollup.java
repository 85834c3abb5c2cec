package org.rectificationhub.ledger;

import org.rectificationhub.canonical.Status;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/** A problem's status as its measures add up: it is only as far along as its least advanced measure. */
final class StatusRollup {

    private static final Set<Status> DONE = EnumSet.of(Status.COMPLETED, Status.CLOSED);
    private static final Set<Status> SUBSTANTIALLY_DONE =
            EnumSet.of(Status.COMPLETED, Status.CLOSED, Status.BASICALLY_COMPLETED, Status.ONGOING);

    private StatusRollup() {
    }

    static Status of(Collection<Status> measures, Status whenEmpty) {
        if (measures.isEmpty()) {
            return whenEmpty;
        }
        if (measures.stream().allMatch(s -> s == Status.CLOSED)) {
            return Status.CLOSED;
        }
        if (measures.stream().allMatch(DONE::contains)) {
            return Status.COMPLETED;
        }
        if (measures.stream().allMatch(SUBSTANTIALLY_DONE::contains)) {
            return measures.stream().allMatch(s -> s == Status.ONGOING || DONE.contains(s))
                    ? Status.ONGOING : Status.BASICALLY_COMPLETED;
        }
        if (measures.contains(Status.EXTENSION_REQUESTED)) {
            return Status.EXTENSION_REQUESTED;
        }
        if (measures.stream().allMatch(s -> s == Status.NOT_STARTED)) {
            return Status.NOT_STARTED;
        }
        return Status.IN_PROGRESS;
    }
}
