package org.rectificationhub.ops.quarantine;

import org.rectificationhub.ingest.FailureCause;
import org.rectificationhub.ingest.IngestOutcome;
import org.rectificationhub.ingest.Input;
import org.rectificationhub.ledger.LedgerHaltedException;
import org.rectificationhub.ledger.QuarantinedDocument;
import org.rectificationhub.ops.ActionResult;
import org.rectificationhub.ops.ActionResult.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;

/** How a quarantined document is read again, and how what came of an action is told to the operator. */
final class Replays {

    private static final Logger log = LoggerFactory.getLogger(Replays.class);

    private Replays() {
    }

    /** The input as its channel first handed it to the intake: same channel, department, source, name and time. */
    static Input input(QuarantinedDocument document) {
        String fileName = document.fileName() != null ? document.fileName() : nameFromSource(document);
        return new Input(document.channel(), document.department(), document.source(), document.input(),
                document.inputSize(), document.inputSha256(), fileName, document.declaredCharset(),
                document.headers(), document.arrivedAt());
    }

    /** Inputs quarantined before their names were kept: a file's source is "department/name". */
    private static String nameFromSource(QuarantinedDocument document) {
        String source = document.source();
        return "file".equals(document.channel()) && source != null ? source.substring(source.lastIndexOf('/') + 1)
                : null;
    }

    static String said(IngestOutcome outcome, long quarantineId) {
        return switch (outcome.status()) {
            case "accepted" -> "recorded as entry " + outcome.entryId();
            case "stale" -> "recorded as entry " + outcome.entryId() + ", in history only: " + outcome.reason();
            case "duplicate" -> "a duplicate: already recorded as entry " + outcome.entryId()
                    + "; nothing new was written";
            default -> "rejected again: " + outcome.reason() + (outcome.quarantineId() == null
                    || outcome.quarantineId() == quarantineId ? "" : " (kept as quarantine #" + outcome.quarantineId()
                    + ")");
        };
    }

    /** The hub's own failure: unavailable for now (its database, a halted ledger), or a defect; never a rejection. */
    static ActionResult failure(RuntimeException failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof LedgerHaltedException halted) {
                return ActionResult.not(Status.UNAVAILABLE, halted.getMessage() + "; nothing was changed");
            }
        }
        if (FailureCause.isTransient(failure)) {
            log.warn("An operator's action on the quarantine failed: the database is unavailable", failure);
            return ActionResult.not(Status.UNAVAILABLE, "the hub's database is unavailable ("
                    + brief(NestedExceptionUtils.getMostSpecificCause(failure)) + "); nothing was changed: try again"
                    + " once it is back");
        }
        log.error("An operator's action on the quarantine failed", failure);
        return ActionResult.not(Status.FAILED, "the hub failed on it (" + brief(failure) + "); nothing was changed;"
                + " the hub's log says more");
    }

    private static String brief(Throwable failure) {
        String text = failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": "
                + failure.getMessage());
        return text.length() <= 200 ? text : text.substring(0, 199) + "…";
    }
}
