package org.rectificationhub.ingest;

import org.rectificationhub.ledger.Quarantine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Parks an input the hub failed on, after its retries, for a reason of its own (a defect met while reading it, not
 * the sender's fault): kept whole in quarantine, marked as the hub's fault, with the error and since when, for an
 * operator to replay once mended through the quarantine's replay like any other row. Its outcome says "parked",
 * never "rejected".
 */
@Component
public class Parking {

    static final String PARKED_REASON = "parked: the hub failed reading this input (its own fault, not the"
            + " sender's); an operator replays it once mended. The error: ";
    private static final Logger log = LoggerFactory.getLogger(Parking.class);

    private final Quarantine quarantine;
    private final IngestMetrics metrics;

    Parking(Quarantine quarantine, IngestMetrics metrics) {
        this.quarantine = quarantine;
        this.metrics = metrics;
    }

    public IngestOutcome park(Input input, String error) {
        String reason = Reasons.bounded(PARKED_REASON + error);
        long id = quarantine.park(Intake.quarantineInput(input),
                new Quarantine.Rejected(Intake.WHOLE_INPUT, null, reason, null));
        IngestOutcome outcome = IngestOutcome.parked(Intake.WHOLE_INPUT, reason, id);
        metrics.count(input.channel(), input.sender(), outcome.status());
        log.error("{}: parked as quarantine #{} (the hub's fault): {}", input.source(), id, error);
        return outcome;
    }
}
