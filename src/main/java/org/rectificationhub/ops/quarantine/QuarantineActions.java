package org.rectificationhub.ops.quarantine;

import org.rectificationhub.audit.AuditLog;
import org.rectificationhub.ingest.IngestOutcome;
import org.rectificationhub.ingest.Intake;
import org.rectificationhub.ledger.QuarantineResolutions;
import org.rectificationhub.ledger.QuarantineResolutions.Resolution;
import org.rectificationhub.ledger.QuarantinedDocument;
import org.rectificationhub.ops.ActionResult;
import org.rectificationhub.ops.ActionResult.Status;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What operators do with a quarantined document, for the API and the console: replay it once its cause is mended
 * (through the one intake path, as its channel, department and source: the department's rights are checked again),
 * or discard it with a comment. Each action takes the quarantine row's lock, so it is decided against the row's
 * latest state, and writes its resolution and audit row in the same transaction as the ledger commit: a replay
 * that recorded nothing leaves nothing behind either. The hub's own failure is an answer of its own (503), never a
 * rejection.
 */
@Component
public class QuarantineActions {

    static final String REPLAY = "quarantine.replay";
    static final String DISCARD = "quarantine.discard";
    static final int MAX_COMMENT = 2000;

    private final QuarantineResolutions resolutions;
    private final Intake intake;
    private final AuditLog audit;
    private final TransactionTemplate transactions;

    QuarantineActions(QuarantineResolutions resolutions, Intake intake, AuditLog audit,
                      PlatformTransactionManager transactionManager) {
        this.resolutions = resolutions;
        this.intake = intake;
        this.audit = audit;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** @param comment why, optional (e.g. "round registered since") */
    public ActionResult replay(long id, String actor, String comment) {
        Action action = new Action(REPLAY, id, actor, comment);
        if (comment != null && comment.length() > MAX_COMMENT) {
            return action.refused(Status.INVALID, "comment: at most " + MAX_COMMENT + " characters");
        }
        return action.run(() -> {
            Optional<QuarantinedDocument> found = resolutions.lock(id);
            if (found.isEmpty()) {
                return action.refused(Status.NOT_FOUND, "no quarantined document #" + id);
            }
            Optional<Resolution> last = resolutions.latest(id);
            if (last.filter(r -> QuarantineResolutions.DISCARDED.equals(r.state())).isPresent()) {
                return action.refused(Status.CONFLICT, "quarantined document #" + id + " was discarded by "
                        + last.get().actor() + " at " + last.get().at() + " (" + last.get().detail()
                        + "); a discarded document is not replayed");
            }
            QuarantinedDocument document = found.get();
            if (!document.complete()) {
                return action.refused(Status.UNPROCESSABLE, "only the first " + document.input().length + " of the "
                        + document.inputSize() + " bytes of its input were kept, so it cannot be read again as it"
                        + " came; the sender must send it again");
            }
            IngestOutcome outcome = intake.retake(Replays.input(document), document.documentIndex());
            boolean recorded = !outcome.isRejected();
            boolean wasReplayed = last.filter(r -> QuarantineResolutions.REPLAYED.equals(r.state())).isPresent();
            String state = recorded || wasReplayed ? QuarantineResolutions.REPLAYED : QuarantineResolutions.OPEN;
            String said = Replays.said(outcome, id);
            resolutions.add(id, actor, outcome.status(), state, outcome.entryId(),
                    recorded ? said : outcome.reason());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("quarantineId", id);
            details.put("result", outcome.status());
            details.put("state", state);
            details.put("entryId", outcome.entryId());
            details.put("reason", outcome.reason());
            return action.done(said, details);
        });
    }

    /** @param comment why it is discarded: required, e.g. who was told and what replaces it */
    public ActionResult discard(long id, String actor, String comment) {
        Action action = new Action(DISCARD, id, actor, comment);
        if (comment == null || comment.isBlank()) {
            return action.refused(Status.INVALID, "comment: say why the document is discarded (e.g. the sender was"
                    + " told, or a corrected report replaces it)");
        }
        if (comment.length() > MAX_COMMENT) {
            return action.refused(Status.INVALID, "comment: at most " + MAX_COMMENT + " characters");
        }
        return action.run(() -> {
            if (resolutions.lock(id).isEmpty()) {
                return action.refused(Status.NOT_FOUND, "no quarantined document #" + id);
            }
            Optional<Resolution> last = resolutions.latest(id);
            if (last.isPresent() && QuarantineResolutions.REPLAYED.equals(last.get().state())) {
                return action.refused(Status.CONFLICT, "quarantined document #" + id + " was replayed and is recorded"
                        + " as entry " + last.get().entryId() + "; a recorded document cannot be discarded");
            }
            if (last.isPresent() && QuarantineResolutions.DISCARDED.equals(last.get().state())) {
                return action.refused(Status.CONFLICT, "quarantined document #" + id + " was already discarded by "
                        + last.get().actor() + " at " + last.get().at());
            }
            resolutions.add(id, actor, "discarded", QuarantineResolutions.DISCARDED, null, comment);
            return action.done("discarded", Map.of("quarantineId", id, "state", QuarantineResolutions.DISCARDED));
        });
    }

    /** One action on one row: run in a transaction, audited whatever comes of it. */
    private final class Action {

        private final String name;
        private final String target;
        private final String actor;
        private final String comment;

        Action(String name, long id, String actor, String comment) {
            this.name = name;
            this.target = "quarantine/" + id;
            this.actor = actor;
            this.comment = comment;
        }

        ActionResult run(Supplier<ActionResult> work) {
            try {
                return transactions.execute(tx -> work.get());
            } catch (RuntimeException failure) {
                ActionResult failed = Replays.failure(failure);
                audit.recordAlone(actor, name, target, comment, failed.message());
                return failed;
            }
        }

        ActionResult refused(Status status, String why) {
            audit.record(actor, name, target, comment, AuditLog.Outcome.REFUSED, why);
            return ActionResult.not(status, why);
        }

        ActionResult done(String said, Map<String, Object> details) {
            audit.record(actor, name, target, comment, AuditLog.Outcome.DONE, said);
            return ActionResult.done(said, details);
        }
    }
}
