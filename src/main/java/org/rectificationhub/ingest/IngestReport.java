package org.rectificationhub.ingest;

import java.util.List;

/** The outcomes of every document of one input, in input order. */
public record IngestReport(List<IngestOutcome> outcomes) {

    public IngestReport {
        outcomes = List.copyOf(outcomes);
    }

    /** Every document recorded (accepted, stale or a duplicate): none rejected, none parked. */
    public boolean allRecorded() {
        return outcomes.stream().noneMatch(o -> o.isRejected() || o.isParked());
    }

    /** The input was parked whole: the hub failed on it, and keeps it for an operator's replay. */
    public boolean parked() {
        return outcomes.stream().anyMatch(IngestOutcome::isParked);
    }

    public long rejected() {
        return outcomes.stream().filter(IngestOutcome::isRejected).count();
    }
}
