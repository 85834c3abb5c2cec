package org.rectificationhub.ingest;

import org.rectificationhub.ledger.Quarantine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Parks an input the hub failed on, after its retries, for a reason of its own (a defect met while reading it, not
 * the sender's fault): kept whole in quarantine, marked as the hub's fault, with the error and since when, for an
 * operator to replay once mended through the quarantine's replay like any other row. Its outcome says "parked",
 * never "rejected", and tells the sender {@link Reasons#PARKED}; the error is the operators' (in the quarantine).
 */
@Component
public class Parking {

    private static final Logger log = LoggerFactory.getLogger(Parking.class);

    private final Quarantine quarantine;
    private final IngestMetrics metrics;

    Parking(Quarantine quarantine, IngestMetrics metrics) {
        this.quarantine = quarantine;
        this.metrics = metrics;
    }

    public IngestOutcome park(Input input, String error) {
        String reason = Reasons.bounded("parked: " + Reasons.PARKED + ". The error: " + error);
        long id = quarantine.park(Intake.quarantineInput(input),
                new Quarantine.Rejected(Intake.WHOLE_INPUT, null, reason, null));
        IngestOutcome outcome = IngestOutcome.parked(Intake.WHOLE_INPUT, Reasons.PARKED, id);
        metrics.count(input.channel(), input.sender(), outcome.status());
        log.error("{}: parked as quarantine #{} (the hub's fault): {}", input.source(), id, error);
        return outcome;
    }
}
